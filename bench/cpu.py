"""What a request costs the machine under load: processor time, split between the web
workers and PostgreSQL.

Requests a second against the bare page's say how much more a page costs, not where.
The page report's in-process time holds the database's work only as time waited for
it, and under load the database takes its processor time from the same two cores. So
bench/load.py reads, before and after each wrk run, the user and system time the
operating system has counted (psutil) for gunicorn's worker processes and for every
process named ``postgres`` on this machine, and divides what the run used by the
requests it served. Each process is compared with itself: one started within a run
counts whole, and one that ends within a run (a worker's database connection closed
after CONN_MAX_AGE, its backend with it) loses what it used since the last reading, so
a figure can be a little low, never made lower by another process's end. PostgreSQL's
background processes are counted too: on an otherwise idle machine they add little.
"""

import psutil


class Meter:
    """Processor time used so far by the children of the process `server_pid` (gunicorn's
    workers) and by the machine's PostgreSQL processes."""

    def __init__(self, server_pid):
        self.server = psutil.Process(server_pid)

    def now(self):
        """{(kind, pid): processor seconds used so far}, kind "web" or "database"."""
        web = self.server.children()
        database = [p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"]
        used = {}
        for kind, processes in (("web", web), ("database", database)):
            for process in processes:
                try:
                    times = process.cpu_times()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                used[kind, process.pid] = times.user + times.system
        return used


def since(before, after):
    """What was used between two Meter.now() readings: (web, database) seconds, each
    process against its own earlier reading (none for one started since)."""
    used = {"web": 0.0, "database": 0.0}
    for (kind, pid), seconds in after.items():
        used[kind] += seconds - before.get((kind, pid), 0.0)
    return used["web"], used["database"]


def per_request(runs):
    """(web, database) milliseconds of processor time a request, over `runs`: each a pair
    (requests served, (web, database) seconds used); (None, None) if none was served."""
    served = sum(requests for requests, _ in runs)
    if not served:
        return None, None
    web = sum(used[0] for _, used in runs)
    database = sum(used[1] for _, used in runs)
    return 1000 * web / served, 1000 * database / served
