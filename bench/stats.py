"""Page-view throughput with the statistics plugin enabled and disabled.

    .venv/bin/python -m bench.stats [--seconds 2.5] [--rounds 4] [--workers 3] [--clients 12] [--redis URL]

Builds a throwaway site (SQLite, or Redis for the counters with ``--redis``),
serves it with gunicorn, and loads the home page from concurrent client
threads over loopback, alternating phases with the plugin enabled and
disabled in the same server run. Prints requests per second for both and
their ratio, then stops gunicorn gracefully and checks that the stored total
equals the number of page views served while the plugin was enabled.
"""
from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import statistics
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
SETTLE_SECONDS = 1.5  # longer than PLUGIN_REFRESH_SECONDS: every worker sees the switch
WARMUP_SECONDS = 0.5


@dataclass
class Phase:
    enabled: bool
    requests: int
    served: int  # including the warm-up, all answered 200
    seconds: float
    cpu: float  # seconds of CPU the gunicorn workers used while measured

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / self.requests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(server: subprocess.Popen, port: int, seconds: float) -> bool:
    """Whether a server just started answers ``/healthz`` within ``seconds``;
    if not, it is killed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if fetch(port, "/healthz") == 200:
                return True
        except OSError:
            time.sleep(0.2)
    server.kill()
    return False


def fetch(port: int, path: str = "/") -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"User-Agent": BROWSER_UA, "Accept": "text/html"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def workers_cpu(server: subprocess.Popen) -> float:
    """CPU seconds used so far by gunicorn's workers (Linux ``/proc``; 0 elsewhere).

    Unlike requests per second, this does not move when other programs
    compete for the machine.
    """
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        total = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
        return total / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def load(port: int, clients: int, seconds: float) -> tuple[int, list[int]]:
    """GET / from ``clients`` threads for ``seconds``; returns (200s, other statuses)."""
    deadline = time.monotonic() + seconds
    counts = [0] * clients
    errors: list[int] = []

    def client(number: int) -> None:
        while time.monotonic() < deadline:
            status = fetch(port)
            if status == 200:
                counts[number] += 1
            else:
                errors.append(status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), errors


class Site:
    """A throwaway instance, managed in this process (same database, same Redis)."""

    def __init__(self, folder: Path, redis_url: str | None) -> None:
        self.folder = folder
        self.env = {**os.environ, "CMS_INSTANCE": str(folder)}
        self.env.pop("CMS_DATABASE_URL", None)
        self.env.pop("CMS_REDIS_URL", None)
        if redis_url:
            self.env["CMS_REDIS_URL"] = redis_url
            (folder / "config.py").write_text(f"STATS_REDIS_PREFIX = 'bench:{uuid.uuid4().hex}:'\n")
        subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "cms", "init"], cwd=ROOT, env=self.env,
                       check=True, capture_output=True)
        os.environ.update({"CMS_INSTANCE": str(folder)})
        if redis_url:
            os.environ["CMS_REDIS_URL"] = redis_url
        from cms import create_app

        self.app = create_app()

    def only_stats(self, enabled: bool) -> None:
        """Switch the statistics on or off, every other plugin off: the page is measured alone."""
        from cms.pluginhost import host

        with self.app.app_context():
            for name in sorted(host().plugins):
                if name != "stats" and host().is_enabled(name):
                    host().set_enabled(name, False)
            host().set_enabled("stats", enabled)

    def stored_total(self) -> int:
        from plugins.stats.recorder import recorder

        with self.app.app_context():
            return recorder().store.total()

    def clear_redis(self) -> None:
        from plugins.stats.recorder import recorder

        with self.app.app_context():
            store = recorder().store
            if store.name == "redis":
                store.clear()


def serve(site: Site, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--graceful-timeout", "10", "wsgi:app"],
        cwd=ROOT, env=site.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if wait_until_healthy(server, port, 30):
        return server
    raise SystemExit("gunicorn did not start: " + server.stderr.read().decode(errors="replace")[-2000:])


def measure(site: Site, server: subprocess.Popen, port: int, enabled: bool, clients: int, seconds: float) -> Phase:
    site.only_stats(enabled)
    time.sleep(SETTLE_SECONDS)
    warm, warm_errors = load(port, clients, WARMUP_SECONDS)
    started, cpu = time.monotonic(), workers_cpu(server)
    done, errors = load(port, clients, seconds)
    elapsed, cpu = time.monotonic() - started, workers_cpu(server) - cpu
    if warm_errors or errors:
        raise SystemExit(f"non-200 answers: {(warm_errors + errors)[:5]}")
    return Phase(enabled, done, warm + done, elapsed, cpu)


def report(phases: list[Phase], counted: int, args: argparse.Namespace) -> bool:
    on = [p for p in phases if p.enabled]
    off = [p for p in phases if not p.enabled]
    rate_on = sum(p.requests for p in on) / sum(p.seconds for p in on)
    rate_off = sum(p.requests for p in off) / sum(p.seconds for p in off)
    cpu_on = 1000 * sum(p.cpu for p in on) / sum(p.requests for p in on)
    cpu_off = 1000 * sum(p.cpu for p in off) / sum(p.requests for p in off)
    expected = sum(p.served for p in on)
    backend = "Redis" if args.redis else "SQLite"
    print(f"gunicorn, {args.workers} sync workers, {args.clients} client threads, "
          f"{len(phases)} phases of {args.seconds:g} s; counters in {backend}")
    for phase in phases:
        print(f"  stats {'enabled ' if phase.enabled else 'disabled'}  {phase.rate:8.1f} req/s"
              f"  {phase.cpu_ms:6.2f} ms CPU/req")
    print(f"enabled:  {rate_on:8.1f} req/s  {cpu_on:6.2f} ms CPU/req")
    print(f"disabled: {rate_off:8.1f} req/s  {cpu_off:6.2f} ms CPU/req")
    by_cpu = f"; {cpu_off / cpu_on:.1%} by server CPU per request" if cpu_on else ""
    print(f"ratio:    {rate_on / rate_off:8.1%} of the throughput (target >= 90%){by_cpu}")
    pairs = [on.rate / off.rate for on, off in zip(on, off, strict=False)]
    print(f"median of the {len(pairs)} back-to-back pairs: {statistics.median(pairs):.1%}"
          " (steadier when other programs load the machine)")
    print(f"views served while enabled: {expected}; counted after shutdown: {counted}"
          f" -> {'exact' if counted == expected else 'MISMATCH'}")
    return counted == expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=2.5, help="length of each measured phase")
    parser.add_argument("--rounds", type=int, default=4, help="enabled/disabled pairs, alternating")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--redis", help="count in this Redis (e.g. redis://127.0.0.1:6379/0)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="cms-bench-stats-"))
    site = Site(folder, args.redis)
    port = free_port()
    server = serve(site, port, args.workers)
    try:
        phases = [measure(site, server, port, enabled, args.clients, args.seconds)
                  for _round in range(args.rounds) for enabled in (True, False)]
    finally:
        server.send_signal(signal.SIGTERM)  # graceful: every worker writes its buffer at exit
        server.wait(timeout=30)
    exact = report(phases, site.stored_total(), args)
    site.clear_redis()
    shutil.rmtree(folder, ignore_errors=True)
    if not exact:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
