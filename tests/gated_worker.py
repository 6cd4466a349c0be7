"""The real background worker (`manage.py run_worker <options>`), for tests that stop it
part-way through a task. Run as a script, configured by environment variables:

- MAIL_DIR: emails are written there, one file each (Django's file backend), so a test
  can count them across processes;
- GATE and GATE_AT: the worker pauses at GATE_AT ("task": as the follow-up task starts;
  "mail": just after the email is handed over; "pdf": as a PDF render starts), creates
  GATE + ".reached" and waits until the file GATE exists (for ever, unless a test
  creates it), so a test can kill it there."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.mail.backends.filebased import EmailBackend  # noqa: E402


def gate(at):
    if not os.environ.get("GATE") or os.environ.get("GATE_AT") != at:
        return
    Path(os.environ["GATE"] + ".reached").touch()
    while not Path(os.environ["GATE"]).exists():
        time.sleep(0.05)


def gated(function, at):
    def wrapper(*args, **kwargs):
        gate(at)
        return function(*args, **kwargs)

    return wrapper


class GatedFileMail(EmailBackend):
    def send_messages(self, messages):
        sent = super().send_messages(messages)
        gate("mail")  # handed over: the mail server has it, Trellis has not noted it
        return sent


def main():
    if os.environ.get("MAIL_DIR"):
        settings.MAILERS = {
            "default": {
                "BACKEND": "tests.gated_worker.GatedFileMail",
                "OPTIONS": {"file_path": os.environ["MAIL_DIR"]},
            }
        }
    django.setup()
    from django.core.management import call_command

    from frontend import downloads
    from learning import follow_ups

    follow_ups.send_follow_up_email = gated(follow_ups.send_follow_up_email, "task")
    downloads.render = gated(downloads.render, "pdf")
    call_command("run_worker", *sys.argv[1:])


if __name__ == "__main__":
    main()
