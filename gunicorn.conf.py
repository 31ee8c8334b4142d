"""Gunicorn settings for ``make run`` and the systemd unit (deploy/systemd/).

    gunicorn --config gunicorn.conf.py wsgi:app

``PORT`` (default 5000) is the loopback port to serve on, ``CMS_WORKERS``
(default 2) the number of worker processes, each with ``CMS_THREADS``
(default 4) threads. Options given on gunicorn's command line win over these,
e.g. ``--bind 10.0.0.5:8000`` for a node behind a proxy on another machine.
``kill -HUP`` on the master starts fresh workers with the new code and lets
the old ones finish their requests (``systemctl reload sen-cms``).
"""
import os


def _whole_number(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdigit() or int(raw) < 1:
        raise RuntimeError(f"{name} must be a whole number of at least 1, not {raw!r}")
    return int(raw)


wsgi_app = "wsgi:app"
bind = [f"127.0.0.1:{_whole_number('PORT', 5000)}"]
workers = _whole_number("CMS_WORKERS", 2)
# Threads let a worker answer while another request waits on the database;
# the app is thread-safe (per-worker caches are locked).
worker_class = "gthread"
threads = _whole_number("CMS_THREADS", 4)
# Each worker builds its own app after the fork: plugins start their threads
# and open their connections in the process that uses them.
preload_app = False

# A request still running after `timeout` seconds has its worker restarted;
# a restart or reload gives running requests `graceful_timeout` to finish.
timeout = 60
graceful_timeout = 30
keepalive = 5

# Logs to standard output and error, where systemd's journal (or the
# terminal of `make run`) picks them up. The access log leaves out the
# client's address: the site stores no raw IP addresses.
accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = '%(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
capture_output = True
proc_name = "sen-cms"
# Signals are enough to manage it; no control socket in the home folder.
control_socket_disable = True
