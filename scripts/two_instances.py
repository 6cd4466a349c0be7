"""Two Trellis instances on one machine, as two machines behind a load balancer would be.

    python scripts/two_instances.py [--ports 8001 8002] [--workers 2] [--skip-migrate]

Starts, on loopback only and with production settings (DEBUG off, the hashed and
compressed static files that whitenoise serves): two gunicorn instances, each with
--workers processes, and two `manage.py run_worker`s (django-tasks-db's db_worker,
which also requeues tasks a stopped worker left running). All four share the database
(DATABASE_URL, PostgreSQL) and one Redis cache (CACHE_URL); nothing else is shared, so
a session, a cached page part or a queued task that works here works across machines.

Before starting them it runs `migrate` (unless --skip-migrate) and `collectstatic` once.
It prints `ready: A=http://… B=http://…` when both answer GET /health/ with 200, then runs
until SIGINT or SIGTERM, when it stops all four; it exits 1 if any of them stops first or
an instance does not answer within --ready-seconds.

Environment: every variable Trellis reads (config/settings.py) is passed on. Set here
when unset: DEBUG=0, SECRET_KEY (one random key for both, so each reads the other's
sessions and signed values), ALLOWED_HOSTS=127.0.0.1,localhost,
CACHE_URL=redis://127.0.0.1:6379/0, and, as plain http on loopback needs,
SECURE_SSL_REDIRECT=0, SECURE_HSTS_SECONDS=0 and ALLOW_INSECURE_COOKIES=1.
STATICFILES_BACKEND is production's (whitenoise's manifest storage) unless set.
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_STATIC = "whitenoise.storage.CompressedManifestStaticFilesStorage"
DEFAULTS = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_HSTS_SECONDS": "0",
    "ALLOW_INSECURE_COOKIES": "1",
    "STATICFILES_BACKEND": PRODUCTION_STATIC,
}
# Seconds a process gets to finish after SIGTERM before it is killed.
STOP_GRACE = 10
# Loopback is asked directly, whatever proxy the environment names.
_direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def instance_env(base=None):
    """The environment both instances and both workers run with.

    In: `base`, the environment to start from (os.environ by default). Out: a new dict,
    with DEFAULTS filled in where unset and a random SECRET_KEY if none is given."""
    env = dict(os.environ if base is None else base)
    for name, value in DEFAULTS.items():
        env.setdefault(name, value)
    if not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = secrets.token_urlsafe(50)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT), env.get("PYTHONPATH")] if p)
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def healthy(port):
    """True when the instance on `port` answers GET /health/ with 200."""
    try:
        with _direct.open(f"http://127.0.0.1:{port}/health/", timeout=2) as answer:
            return answer.status == 200
    except (OSError, urllib.error.URLError):
        return False


def start(env, ports, workers):
    """Start the gunicorn instances (one per port) and as many run_workers.

    Out: a list of (name, Popen). Every process writes to this script's stdout/stderr."""
    processes = []
    for name, port in zip("AB", ports, strict=True):
        command = [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--name", f"trellis-{name}",
            # Each gunicorn would otherwise take the same control socket in $HOME.
            "--no-control-socket",
        ]  # fmt: skip
        processes.append((f"gunicorn {name}", subprocess.Popen(command, cwd=ROOT, env=env)))
    for name in "AB"[: len(ports)]:
        command = [sys.executable, "manage.py", "run_worker", "--no-reload"]
        processes.append((f"run_worker {name}", subprocess.Popen(command, cwd=ROOT, env=env)))
    return processes


def stop(processes):
    """SIGTERM to each, then SIGKILL to any still running after STOP_GRACE seconds."""
    for _, process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_GRACE
    for _, process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stopped(processes):
    """The name and exit code of the first process that is no longer running, or None."""
    for name, process in processes:
        if process.poll() is not None:
            return name, process.returncode
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ports", type=int, nargs=2, default=[8001, 8002])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes each")
    parser.add_argument("--skip-migrate", action="store_true")
    parser.add_argument("--ready-seconds", type=float, default=90)
    options = parser.parse_args(argv)

    env = instance_env()
    if not options.skip_migrate:
        manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")

    ending = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda number, frame: ending.append(number))
    processes = start(env, options.ports, options.workers)
    try:
        deadline = time.monotonic() + options.ready_seconds
        while not all(healthy(port) for port in options.ports):
            if ending:
                return 0
            if (gone := stopped(processes)) or time.monotonic() > deadline:
                print(f"two_instances: not ready ({gone or 'timed out'})", file=sys.stderr)
                return 1
            time.sleep(0.5)
        a, b = (f"http://127.0.0.1:{port}" for port in options.ports)
        print(f"ready: A={a} B={b}", flush=True)
        while not ending:
            if gone := stopped(processes):
                print(f"two_instances: {gone[0]} stopped (exit {gone[1]})", file=sys.stderr)
                return 1
            time.sleep(0.5)
        return 0
    finally:
        stop(processes)


if __name__ == "__main__":
    sys.exit(main())
