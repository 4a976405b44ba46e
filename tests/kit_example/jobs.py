"""A kind of job that exists only in the tests: it waits, reporting its progress, so that a
test can stop its worker in the middle (tests/worker)."""

import time

from jobs import kinds


def wait(job, *, progress, **options):
    seconds = float(job.parameters.get("seconds", 1))
    steps = 10
    for step in range(steps):
        progress(step, steps, f"waiting ({step + 1}/{steps})")
        time.sleep(seconds / steps)
    job.result = {"waited": seconds}


WAIT = kinds.JobKind(name="test_wait", label="Waiting (tests)", run=wait)
