"""gunicorn's configuration for the portal (`gunicorn -c deploy/gunicorn.conf.py lkp.wsgi`).

Every value can be set from the environment, so that one file serves every machine.
"""

import multiprocessing
import os
import re
import tempfile


def setting(name: str, default: str) -> str:
    """The environment's value, or the default when it is unset or empty."""
    return os.environ.get(name) or default


bind = setting("GUNICORN_BIND", "127.0.0.1:8001")
# gunicorn's control socket (`gunicornc`), one per instance: its default is one path per
# user ($HOME/.gunicorn/gunicorn.ctl), which a second instance on the machine would take
# over. Named after the address served, in systemd's RuntimeDirectory when there is one.
control_socket = setting(
    "GUNICORN_CONTROL_SOCKET",
    os.path.join(
        os.environ.get("RUNTIME_DIRECTORY") or tempfile.gettempdir(),
        "lkp-gunicorn-" + re.sub(r"[^A-Za-z0-9.]+", "-", bind) + ".ctl",
    ),
)
# The portal is sync Django with a database pool per process: 2 × cores + 1 by default.
workers = int(setting("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(setting("GUNICORN_THREADS", "1"))
# A request that takes longer than this is a bug or an attack: the worker is replaced.
timeout = int(setting("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (systemctl stop/restart, a deploy) requests in flight get this long to finish.
graceful_timeout = int(setting("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(setting("GUNICORN_KEEPALIVE", "5"))
# Workers are recycled now and then, at different moments, so memory cannot creep.
max_requests = int(setting("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(setting("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# The proxy's addresses, whose X-Forwarded-* headers are believed.
forwarded_allow_ips = setting("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs on stdout/stderr, for journald or the container runtime; the access log carries
# the request id that the portal answers in X-Request-ID.
accesslog = setting("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = setting("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s" request_id=%({x-request-id}o)s'
)
# The application is loaded once, before the workers fork: a broken deploy fails at start.
preload_app = setting("GUNICORN_PRELOAD", "true") == "true"
# The workers' heartbeat files on a memory file system, off a slow or full disk: systemd's
# RuntimeDirectory (/run/lkp-web) when there is one, else /dev/shm.
worker_tmp_dir = setting(
    "GUNICORN_WORKER_TMP_DIR",
    os.environ.get("RUNTIME_DIRECTORY") or "/dev/shm",  # noqa: S108
)
