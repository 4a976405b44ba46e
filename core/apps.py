from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared parts")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .page_cache import content_changed_receiver

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed_receiver, dispatch_uid=f"page-cache-{signal}")
