"""Versions of a programme: the team starts a new version from an existing one (a copy of
its fields and its whole tree, a draft), edits it, records how each old node maps to the
new ones, and adopts it; the old one is then archived and stays browsable. Comparisons
across versions (the follow-up's year-over-year figures) go through the mapping."""

from collections import defaultdict
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.page_cache import content_changed

from .models import NodeMapping, Programme, ProgrammeNode
from .services import lock_tree, programme_make_current

#: The fields a new version takes over from the one it starts from.
COPIED_FIELDS = [
    "municipality",
    "municipality_code",
    "lead",
    "lead_en",
    "body",
    "body_en",
    "definition",
    "definition_en",
    "definition_source",
    *(
        f"level_{depth}_{kind}{suffix}"
        for depth in (1, 2, 3)
        for kind in ("name", "plural")
        for suffix in ("", "_en")
    ),
]
NODE_FIELDS = ["kind", "code", "title", "title_en", "lead", "lead_en", "body", "body_en"]
NODE_FIELDS += ["is_example"]
#: How many new nodes each kind of mapping takes.
ONE = {NodeMapping.Kind.KEPT, NodeMapping.Kind.RENAMED, NodeMapping.Kind.MERGED}


@transaction.atomic
def programme_version_start(
    *,
    programme: Programme,
    slug: str,
    name: str,
    name_en: str = "",
    valid_from: int,
    valid_to: int | None = None,
) -> Programme:
    """A new draft version of ``programme`` with a copy of its tree, tags and frameworks;
    each new node starts mapped to the node it was copied from as *kept*.

    The directions are added through treebeard (add_root), which gives each its new root
    path; everything under them is a copy of a consistent subtree, so it is written in bulk
    with the old paths' tails under the new roots, the same depths and child counts
    (treebeard's own add_child would cost about nine queries a node: seven seconds for the
    2,010-node benchmark programme). Their history rows are written in bulk too, by parent,
    so that each says where the node was created."""
    lock_tree()
    version = Programme(
        slug=slug,
        name=name,
        name_en=name_en,
        valid_from=valid_from,
        valid_to=valid_to,
        status=Programme.Status.DRAFT,
        is_current=False,
        predecessor=programme,
        **{field: getattr(programme, field) for field in COPIED_FIELDS},
    )
    version.full_clean()
    version.save()
    version.frameworks.set(programme.frameworks.all())
    old_nodes = list(ProgrammeNode.objects.filter(programme=programme).order_by("path"))
    steplen = ProgrammeNode.steplen
    copies: dict[str, ProgrammeNode] = {}  # old path → its copy
    below: list[ProgrammeNode] = []
    for old in old_nodes:
        copy = ProgrammeNode(
            programme=version, **{field: getattr(old, field) for field in NODE_FIELDS}
        )
        if old.depth == 1:
            ProgrammeNode.objects.add_root(instance=copy)
        else:
            root = copies[old.path[:steplen]]
            copy.path = root.path + old.path[steplen:]
            copy.depth, copy.numchild = old.depth, old.numchild
            below.append(copy)
        copies[old.path] = copy
    ProgrammeNode.objects.bulk_create(below, batch_size=500)
    roots = [copies[old.path] for old in old_nodes if old.depth == 1]
    for root, old in zip(roots, (old for old in old_nodes if old.depth == 1), strict=True):
        root.numchild = old.numchild  # add_root counted none: the children came in bulk
    ProgrammeNode.objects.bulk_update(roots, ["numchild"])
    by_parent: dict[str, list[ProgrammeNode]] = defaultdict(list)
    for copy in below:
        by_parent[copy.path[:-steplen]].append(copy)
    parents = {copy.path: copy for copy in copies.values()}
    for path, children in by_parent.items():
        parent = parents[path]
        ProgrammeNode.history.bulk_history_create(
            children,
            custom_historical_attrs={
                "parent_then_id": parent.pk,
                "parent_then_title": parent.title,
            },
        )
    mappings = [
        NodeMapping(old=old, new=copies[old.path], kind=NodeMapping.Kind.KEPT) for old in old_nodes
    ]
    tags = ProgrammeNode.tags.through
    copy_pk = {old.pk: copies[old.path].pk for old in old_nodes}
    tags.objects.bulk_create(
        tags(programmenode_id=copy_pk[row.programmenode_id], frameworktag_id=row.frameworktag_id)
        for row in tags.objects.filter(programmenode__programme=programme)
    )
    NodeMapping.objects.bulk_create(mappings)
    return version


def _draft_version(version: Programme) -> Programme:
    if version.status != Programme.Status.DRAFT or version.predecessor_id is None:
        raise ValidationError(_("Only a draft version of a programme is mapped and adopted."))
    return version


@transaction.atomic
def node_map(*, old: ProgrammeNode, kind: str, new: list[ProgrammeNode]) -> list[NodeMapping]:
    """Say how ``old`` (a node of the previous version) maps to the draft version: kept,
    renamed or merged into one node, split into several, or dropped (none). Replaces what
    was said of ``old`` before."""
    versions = list(Programme.objects.filter(predecessor=old.programme_id, status="draft"))
    if len(versions) != 1:
        raise ValidationError(_("The node's programme has no draft version to map it to."))
    version = _draft_version(versions[0])
    if any(node.programme_id != version.pk for node in new):
        raise ValidationError(_("Map to nodes of the new version only."))
    if any(node.kind != old.kind for node in new):
        raise ValidationError(_("A node maps to nodes of its own level."))
    count = len({node.pk for node in new})
    if kind == NodeMapping.Kind.DROPPED and count:
        raise ValidationError(_("A dropped node maps to no node."))
    if kind in ONE and count != 1:
        raise ValidationError(_("Kept, renamed and merged map to exactly one node."))
    if kind == NodeMapping.Kind.SPLIT and count < 2:
        raise ValidationError(_("A split maps to two or more nodes."))
    if kind not in NodeMapping.Kind.values:
        raise ValidationError(_("Unknown mapping “%(kind)s”.") % {"kind": kind})
    NodeMapping.objects.filter(old=old).delete()
    if kind == NodeMapping.Kind.DROPPED:
        return [NodeMapping.objects.create(old=old, new=None, kind=kind)]
    return NodeMapping.objects.bulk_create(
        NodeMapping(old=old, new=node, kind=kind)
        for node in {node.pk: node for node in new}.values()
    )


def unmapped(version: Programme) -> list[ProgrammeNode]:
    """The previous version's nodes that the mapping says nothing of."""
    return list(
        ProgrammeNode.objects.filter(
            programme_id=version.predecessor_id, mapped_to__isnull=True
        ).order_by("path")
    )


@transaction.atomic
def programme_adopt(*, version: Programme) -> Programme:
    """Adopt the draft ``version``: every node of the previous version must be mapped. The
    previous version is archived (and stays browsable); the new one becomes current if the
    previous one was."""
    version = _draft_version(Programme.objects.select_for_update().get(pk=version.pk))
    missing = unmapped(version)
    if missing:
        raise ValidationError(
            _("Say how these nodes of the previous version map before adopting: %(nodes)s")
            % {"nodes": ", ".join(node.title for node in missing)}
        )
    previous = Programme.objects.select_for_update().get(pk=cast(int, version.predecessor_id))
    _carry_links_over(previous, version)
    was_current = previous.is_current
    previous.status, previous.is_current = Programme.Status.ARCHIVED, False
    previous.save(update_fields=["status", "is_current", "updated_at"])
    version.status = Programme.Status.ADOPTED
    version.save(update_fields=["status", "updated_at"])
    if was_current:
        programme_make_current(programme=version)
    content_changed()  # the programme in force changes on every page
    return version


def _carry_links_over(previous: Programme, version: Programme) -> int:
    """Everything linked to a node of ``previous`` through a many-to-many relation (the
    initiatives' priorities, the entries' nodes, the goals' priorities, the key figures'
    focus areas …, whichever app declares them) is linked to the nodes that node maps to
    as well: the work goes on under the new version. The old links stay, so the years
    followed up against ``previous`` keep what they showed. One query per relation, and
    one more to read the mapping."""
    targets: dict[int, list[int]] = defaultdict(list)
    for old_id, new_id in NodeMapping.objects.filter(
        old__programme=previous, new__isnull=False
    ).values_list("old_id", "new_id"):
        targets[old_id].append(new_id)
    added = 0
    for relation in ProgrammeNode._meta.related_objects:
        if not relation.many_to_many or relation.through is None:
            continue
        through = relation.through
        node_field = relation.field.m2m_reverse_field_name()
        other_field = relation.field.m2m_field_name()
        rows = through.objects.filter(**{f"{node_field}__programme": previous}).values_list(
            f"{other_field}_id", f"{node_field}_id"
        )
        created = through.objects.bulk_create(
            [
                through(**{f"{other_field}_id": other, f"{node_field}_id": new})
                for other, old in rows
                for new in targets.get(old, [])
            ],
            ignore_conflicts=True,
        )
        added += len(created)
    return added


def mapping_between(old: Programme, new: Programme) -> dict[int, list[int]]:
    """Old node id → the ids of the nodes it maps to in ``new``, following the versions
    from ``old`` to ``new`` (empty when ``new`` does not descend from ``old``). One query
    per version step."""
    chain = [new]
    while chain[-1].predecessor_id is not None and chain[-1].pk != old.pk:
        chain.append(Programme.objects.get(pk=chain[-1].predecessor_id))
    if chain[-1].pk != old.pk:
        return {}
    through: dict[int, list[int]] = {
        node: [node]
        for node in ProgrammeNode.objects.filter(programme=old).values_list("pk", flat=True)
    }
    for step in reversed(chain[:-1]):
        pairs: dict[int, list[int]] = defaultdict(list)
        for old_id, new_id in NodeMapping.objects.filter(
            old__programme_id=cast(int, step.predecessor_id), new__isnull=False
        ).values_list("old_id", "new_id"):
            pairs[old_id].append(new_id)
        through = {
            start: [target for node in nodes for target in pairs.get(node, [])]
            for start, nodes in through.items()
        }
    return through
