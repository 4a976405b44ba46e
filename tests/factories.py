"""Test data built in code, through the project's own services (no fixtures with keys or paths)."""

import factory
from django.contrib.auth import get_user_model

from programme import services
from programme.models import Framework, FrameworkTag, Programme, ProgrammeNode
from programme.tree import KIND_BY_DEPTH


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.Sequence(lambda n: f"Programmet {n}")
    municipality = "Helsingborgs stad"
    valid_from = 2016
    valid_to = 2024
    status = Programme.Status.ADOPTED


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    slug = factory.Sequence(lambda n: f"framework-{n}")
    name = factory.Sequence(lambda n: f"Ramverk {n}")


class FrameworkTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkTag

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"tag-{n}")
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Mål {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


_counter = iter(range(10**9))


def make_node(programme=None, parent=None, **fields) -> ProgrammeNode:
    """Create a node through programme.services, as the last child of ``parent``."""
    programme = programme or (parent.programme if parent else ProgrammeFactory())
    number = next(_counter)
    fields.setdefault("code", f"n{number}")
    fields.setdefault("title", f"Del {number}")
    node = ProgrammeNode(programme=programme, **fields)
    return services.node_create(node=node, target=parent, position="last-child")


def make_tree(programme, directions=2, focus_areas=2, priorities=2) -> list[ProgrammeNode]:
    """A full three-level programme; returns the directions."""
    roots = []
    for _ in range(directions):
        direction = make_node(programme)
        for _ in range(focus_areas):
            focus = make_node(parent=direction)
            for _ in range(priorities):
                make_node(parent=focus)
        roots.append(direction)
    return roots


def make_tree_in_bulk(programme, directions=2, focus_areas=2, priorities=2) -> None:
    """The same tree as make_tree, for a large one: the directions through the service
    (treebeard places the roots), everything below them in one bulk insert with the paths
    treebeard would give (checked by its find_problems)."""
    below = []
    for _ in range(directions):
        direction = make_node(programme)
        direction.numchild = focus_areas
        for area_step in range(1, focus_areas + 1):
            area_path = ProgrammeNode._get_path(direction.path, 2, area_step)
            below.append(_bulk_node(programme, area_path, 2, priorities))
            below.extend(
                _bulk_node(programme, ProgrammeNode._get_path(area_path, 3, step), 3)
                for step in range(1, priorities + 1)
            )
        direction.save(update_fields=["numchild"])
    ProgrammeNode.objects.bulk_create(below, batch_size=500)


def _bulk_node(programme, path: str, depth: int, numchild: int = 0) -> ProgrammeNode:
    number = next(_counter)
    return ProgrammeNode(
        programme=programme,
        path=path,
        depth=depth,
        numchild=numchild,
        kind=KIND_BY_DEPTH[depth],
        code=f"n{number}",
        title=f"Del {number}",
    )


def tree_shape(programme) -> list[tuple[int, str, str]]:
    """(depth, code, kind) of every node in tree order: what a tree "is" for comparisons."""
    return list(ProgrammeNode.objects.for_programme(programme).values_list("depth", "code", "kind"))


def children_of(node) -> list[ProgrammeNode]:
    """Children read fresh from the database (treebeard trusts the in-memory numchild)."""
    return list(ProgrammeNode.objects.get_children(ProgrammeNode.objects.get(pk=node.pk)))


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ambassadors.Department"

    kind = "administration"
    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    short_name = factory.Sequence(lambda n: f"F{n}")


class AmbassadorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ambassadors.Ambassador"
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Ambassadör {n}")
    email = factory.Sequence(lambda n: f"ambassador{n}@example.se")

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)
