from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from core import page_cache

        from .models import Framework, FrameworkTag, Programme, ProgrammeNode

        # What an edit touches on the public pages (core.page_cache): "nodes" is for pages
        # that show nodes of any programme (a framework tag's page, an initiative's).
        page_cache.register(
            Programme, lambda programme: ("programmes", f"programme:{programme.pk}")
        )
        page_cache.register(ProgrammeNode, lambda node: ("nodes", f"programme:{node.programme_id}"))
        page_cache.register(Framework, lambda framework: ("frameworks",))
        page_cache.register(FrameworkTag, lambda tag: ("frameworks",))

        # Each history row of a node keeps its parent then (programme.history).
        from simple_history.signals import pre_create_historical_record

        from . import history

        pre_create_historical_record.connect(
            history.record_place,
            sender=ProgrammeNode.history.model,
            dispatch_uid="programme.node_place_in_history",
        )
