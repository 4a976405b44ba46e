"""Concurrent moves keep the tree valid: treebeard's move takes no lock, the service does."""

import random
import threading

import pytest
from django.db import connections

from programme import services
from programme.models import ProgrammeNode
from tests.factories import ProgrammeFactory, make_tree

THREADS = 8
MOVES_PER_THREAD = 12


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_eight_threads_moving_nodes_leave_a_valid_tree():
    programme = ProgrammeFactory()
    make_tree(programme, directions=3, focus_areas=3, priorities=3)
    focus_ids = list(ProgrammeNode.objects.focus_areas().values_list("pk", flat=True))
    priority_ids = list(ProgrammeNode.objects.priorities().values_list("pk", flat=True))
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def mover(seed: int) -> None:
        rng = random.Random(seed)
        start.wait()
        try:
            for _ in range(MOVES_PER_THREAD):
                if rng.random() < 0.7:
                    node = ProgrammeNode.objects.get(pk=rng.choice(priority_ids))
                    target = ProgrammeNode.objects.get(pk=rng.choice(focus_ids))
                    services.node_move(node=node, target=target, position="last-child")
                else:
                    node, target = (
                        ProgrammeNode.objects.get(pk=pk) for pk in rng.sample(focus_ids, 2)
                    )
                    services.node_move(node=node, target=target, position="left")
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=mover, args=(seed,)) for seed in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert ProgrammeNode.objects.find_problems() == ([], [], [], [], [])
    assert ProgrammeNode.objects.count() == 3 + 9 + 27
    for node in ProgrammeNode.objects.all():
        actual = ProgrammeNode.objects.filter(
            path__startswith=node.path, depth=node.depth + 1
        ).count()
        assert node.numchild == actual, node
