"""Real app processes and a cuttable network path to PostgreSQL, for the fault and
multi-process tests. Everything listens on 127.0.0.1 and stops when the test ends."""

import contextlib
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def subprocess_environment() -> dict:
    """This process's environment without what only the test run may set."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTEST") and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }


def wait_for(predicate, seconds: float, *, every: float = 0.1) -> bool:
    """Whether ``predicate()`` came true within ``seconds``, asked ``every`` seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


def listening(port: int, seconds: float = 60) -> bool:
    """Whether a server accepts connections on the local ``port`` within ``seconds``."""

    def accepts() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            return False
        return True

    return wait_for(accepts, seconds)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TcpProxy:
    """Forwards a local port to the database. ``cut()`` drops every open connection and
    refuses new ones, as when the database host goes away; ``restore()`` listens again on
    the same port."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener = None
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()

    def restore(self):
        listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        listener.settimeout(0.2)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self):
        listener, self._listener = self._listener, None
        if listener:
            listener.close()
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self._connections.clear()

    def _accept(self, listener):
        while self._listener is listener:
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._connections += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pipe(one, other):
        pair = {one: other, other: one}
        with selectors.DefaultSelector() as selector:
            for sock in pair:
                selector.register(sock, selectors.EVENT_READ)
            with contextlib.suppress(OSError, ValueError):
                while True:
                    for key, _events in selector.select(timeout=1):
                        data = key.fileobj.recv(65536)
                        if not data:
                            return
                        pair[key.fileobj].sendall(data)


class _Process:
    """A command of the project's in its own process, its output kept in a file (an unread
    pipe fills up and blocks the process); stopped with SIGTERM on leaving."""

    def __init__(self, env: dict):
        self.env = env
        self.process = None
        self.log = tempfile.TemporaryFile()

    def start(self, command: list[str]):
        self.process = subprocess.Popen(  # noqa: S603 - the project's own commands
            [sys.executable, *command],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")


class AppServer(_Process):
    """The portal under gunicorn (one sync worker) in its own process."""

    def __init__(self, env: dict, settings: str = "lkp.settings.test"):
        super().__init__({**subprocess_environment(), "DJANGO_SETTINGS_MODULE": settings, **env})
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.start(
            [
                "-m",
                "gunicorn",
                "lkp.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "60",
            ]
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.output()[-3000:])
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            time.sleep(0.1)
        raise RuntimeError("gunicorn did not start in 30 s")


class Worker(_Process):
    """The task worker (`manage.py worker`) in its own process, polling often."""

    def __enter__(self):
        self.start(
            ["manage.py", "worker", "--interval", "0.1", "--no-startup-delay", "--no-reload"]
        )
        return self


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode()


def fetch(url, *, data=None, headers=None, opener=None) -> Response:
    """One HTTP request; any status comes back as a Response, never as an exception."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    opener = opener or urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as answer:
            return Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
