from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from core import page_cache

        from .models import Framework, FrameworkTag, Programme, ProgrammeNode

        # What an edit touches on the public pages (core.page_cache): ProgrammeNode is for
        # pages that show nodes of any programme (a framework tag's page, an initiative's),
        # a programme's own pages depend on it; frameworks are shown with their tags.
        page_cache.register(Programme)
        page_cache.register(
            ProgrammeNode, lambda node: [page_cache.tag(Programme, node.programme_id)]
        )
        page_cache.register(Framework)
        page_cache.register(FrameworkTag, lambda tag: [Framework])

        # Each history row of a node keeps its parent then (programme.history).
        from simple_history.signals import pre_create_historical_record

        from . import history

        pre_create_historical_record.connect(
            history.record_place,
            sender=ProgrammeNode.history.model,
            dispatch_uid="programme.node_place_in_history",
        )
