import os
import subprocess
import sys
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

#: How often the scheduled work (`manage.py daily`) runs beside a development server.
SCHEDULE_SECONDS = 3600


class Command(BaseCommand):
    help = (
        "Development: the web server with its task worker (`worker`) and the scheduled "
        "work (`daily`, at start and then hourly), stopped together. `make run` uses it; "
        "production runs the three as services (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # The reloader's child: the parent below already runs the worker.
            call_command("runserver", addrport)
            return
        manage = [sys.executable, sys.argv[0]]
        worker = subprocess.Popen([*manage, "worker", "--interval", "1"])  # noqa: S603
        stop = threading.Event()

        def schedule() -> None:
            while not stop.is_set():
                subprocess.run([*manage, "daily"], check=False)  # noqa: S603
                stop.wait(SCHEDULE_SECONDS)

        threading.Thread(target=schedule, daemon=True, name="daily").start()
        try:
            call_command("runserver", addrport)
        finally:
            stop.set()
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
