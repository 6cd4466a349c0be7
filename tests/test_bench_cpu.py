"""bench/cpu.py: the processor time the load run gives each page, per request."""

import os
import subprocess
import sys

import pytest

from bench import cpu

# A child that uses about half a second of processor time, says so, then waits.
BUSY = """
import sys, time
end = time.process_time() + 0.5
while time.process_time() < end:
    pass
print("done", flush=True)
sys.stdin.read()
"""


def test_a_workers_processor_time_is_counted_while_it_lives():
    meter = cpu.Meter(os.getpid())  # this process stands in for gunicorn
    before = meter.now()
    child = subprocess.Popen(
        [sys.executable, "-c", BUSY], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "done"
        web, _ = cpu.since(before, meter.now())
    finally:
        child.communicate("")
    assert 0.45 <= web < 5


def test_processor_time_a_request_is_the_runs_time_over_their_requests():
    runs = [(100, (0.8, 0.2)), (300, (2.4, 0.6))]
    assert cpu.per_request(runs) == pytest.approx((8.0, 2.0))
    assert cpu.per_request([(0, (0.1, 0.1))]) == (None, None)


def test_a_process_that_ends_takes_only_its_own_time_away():
    before = {("web", 1): 2.0, ("database", 7): 5.0, ("database", 8): 1.0}
    # Backend 7 ended (its connection closed); backend 9 started within the run.
    after = {("web", 1): 2.5, ("database", 8): 1.25, ("database", 9): 0.5}
    assert cpu.since(before, after) == pytest.approx((0.5, 0.75))
