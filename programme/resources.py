"""Import and export of a programme: one row per node, parents before children.

Columns: programme, code, parent, kind, title, title_en, lead, lead_en, body, body_en,
tags, is_example. ``parent`` is the parent's code (empty for a direction); siblings
take the order of their rows. Rows are matched on (programme, code): an existing node
is updated and moved if its parent or place changed, a new one is created. Nodes not
in the file are left alone.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from core.resources import CodeWidget, SafeModelResource

from . import services
from .models import (
    KIND_BY_DEPTH,
    NODE_TEXT_FIELDS,
    FrameworkTag,
    NodeKind,
    Programme,
    ProgrammeNode,
)


class ParentField(fields.Field):
    """The parent's code, read for the export and for the import's preview alike (a
    dehydrate method is not read by the preview, whose parent column stayed empty)."""

    def __init__(self, **kwargs):
        super().__init__(column_name="parent", readonly=True, **kwargs)
        self.codes: ProgrammeNodeResource | None = None

    def get_value(self, obj):
        return self.codes.parent_code(obj) if self.codes else ""


class ProgrammeNodeResource(SafeModelResource):
    programme = fields.Field(
        attribute="programme",
        column_name="programme",
        widget=CodeWidget(Programme, field="slug"),
    )
    parent = ParentField()
    tags = fields.Field(
        attribute="tags",
        column_name="tags",
        widget=widgets.ManyToManyWidget(FrameworkTag, field="code", separator=","),
    )

    class Meta:
        model = ProgrammeNode
        fields = (
            "programme",
            "code",
            "parent",
            "kind",
            *NODE_TEXT_FIELDS,
            "tags",
            "is_example",
        )
        export_order = fields
        import_id_fields = ("programme", "code")
        skip_unchanged = True
        report_skipped = True
        use_bulk = False
        clean_model_instances = False  # services.node_create/update call full_clean

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["parent"].codes = self
        # (programme id, parent id or None) -> the node placed last under that parent
        self._last_placed: dict[tuple[int, int | None], ProgrammeNode] = {}

    def get_queryset(self):
        return ProgrammeNode.objects.select_related("programme").prefetch_related("tags")

    def parent_code(self, node: ProgrammeNode) -> str:
        if hasattr(node, "_import_parent"):
            # A row being imported (the preview shows it): the parent it names, which may
            # be new in the same file or another than the node had.
            return node._import_parent.code if node._import_parent else ""
        if not node.depth or node.depth <= 1:
            return ""
        parent_path = node.parent_path
        return self._parent_codes().get(parent_path, "")

    def _parent_codes(self) -> dict[str, str]:
        # One query for the whole export instead of one per row.
        if not hasattr(self, "_codes_by_path"):
            self._codes_by_path = dict(ProgrammeNode.objects.values_list("path", "code"))
        return self._codes_by_path

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.programme_id is None:
            raise ValidationError({"programme": _("Give the code of an existing programme.")})
        parent = self._resolve_parent(instance, (row.get("parent") or "").strip())
        depth = parent.depth + 1 if parent else 1
        if parent is not None and depth > instance.programme.levels:
            raise ValidationError(
                {
                    "parent": _(
                        "“%(code)s” is at the programme's lowest level and cannot have sub-levels."
                    )
                    % {"code": parent.code}
                }
            )
        expected = KIND_BY_DEPTH[depth]
        if not instance.kind:
            instance.kind = expected
        elif instance.kind not in NodeKind.values or instance.kind != expected:
            message = _("Level “%(kind)s” does not fit under this parent; expected %(expected)s.")
            raise ValidationError(
                {"kind": message % {"kind": instance.kind, "expected": expected.value}}
            )
        if instance.pk and instance.depth != depth:
            raise ValidationError(
                {"parent": _("A node keeps its level; it can move only to a parent one level up.")}
            )
        key = (instance.programme_id, parent.pk if parent else None)
        after = self._last_placed.get(key)
        instance._import_parent, instance._import_after = parent, after
        instance._import_needs_placing = instance.pk is None or not self._in_place(
            instance, parent, after
        )
        self._last_placed[key] = instance

    def _resolve_parent(self, instance, code: str) -> ProgrammeNode | None:
        if not code:
            return None
        parent = ProgrammeNode.objects.filter(programme_id=instance.programme_id, code=code).first()
        if parent is None:
            raise ValidationError(
                {
                    "parent": _(
                        "No node with code “%(code)s” in this programme. "
                        "Parents must come before their children."
                    )
                    % {"code": code}
                }
            )
        return parent

    @staticmethod
    def _in_place(node, parent, after) -> bool:
        fresh = ProgrammeNode.objects.get(pk=node.pk)
        current_parent_path = fresh.parent_path
        if current_parent_path != (parent.path if parent else ""):
            return False
        previous = services.previous_sibling(fresh)
        return (previous.pk if previous else None) == (after.pk if after else None)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if getattr(instance, "_import_needs_placing", False):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def do_instance_save(self, instance, is_create):
        if not is_create:
            services.node_update(node=instance)
        if instance._import_needs_placing:
            services.node_place(
                node=instance, parent=instance._import_parent, after=instance._import_after
            )
