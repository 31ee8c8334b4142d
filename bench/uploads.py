"""Decode cost of image uploads: a worker's memory and the home page's
latency while large images are uploaded (security finding 4).

    .venv/bin/python -m bench.uploads [--threads 6] [--keep DIR]

Two parts, each measured against a baseline taken in the same run:

1. Decoding alone, each case in a fresh process: the peak resident memory
   (``VmHWM``) that ``cms.images.prepare`` adds for a 40 megapixel PNG
   and JPEG, beside a plain full decode of the same file.
2. A served site: the demo site under gunicorn, one worker with
   ``--threads`` threads (as deployed). An author uploads two 7000×7000 PNGs
   of 143 KB (over the pixel budget) and two 6000×6000 ones (allowed) at
   the same moment, through the editor's upload endpoint, while another
   client keeps loading the home page. Reported: the worker's peak resident
   memory against its idle size, and the home page's latency against its
   idle latency. The site runs twice: with the default budgets, then with
   them lifted (``MAX_IMAGE_PIXELS`` 100 M, ``IMAGE_CONCURRENCY`` 4), as
   before they existed.

Targets (with the budgets): the oversize uploads refused, peak memory under
3× idle, the home page's median under load within 10× idle.
"""
from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench.stats import BROWSER_UA, ROOT, free_port, wait_until_healthy

AUTHOR, PASSWORD = "bench-author", "bench-password-123"
MEMORY_TARGET, LATENCY_TARGET = 3.0, 10.0
LIFTED = {"MAX_IMAGE_PIXELS": 100_000_000, "IMAGE_CONCURRENCY": 4}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=6, help="gunicorn threads of the one worker")
    parser.add_argument("--keep", type=Path, help="build the sites in this folder and keep them")
    parser.add_argument("--decode-case", help=argparse.SUPPRESS)  # internal: one part-1 case
    return parser.parse_args()


# -- part 1: decoding alone -----------------------------------------------------------


def forty_megapixels(fmt: str) -> bytes:
    """A 6324×6324 photo-like image (noise over a gradient), as PNG or JPEG."""
    from PIL import Image

    side = 6324
    picture = Image.linear_gradient("L").resize((side, side)).convert("RGB")
    picture.paste(Image.effect_noise((side // 4, side // 4), 60).convert("RGB").resize((side, side)),
                  mask=Image.new("L", (side, side), 90))
    out = io.BytesIO()
    picture.save(out, fmt, **({"quality": 90} if fmt == "JPEG" else {"compress_level": 1}))
    return out.getvalue()


def peak_mb() -> float:
    """This process's peak resident memory (``VmHWM``: unlike ``ru_maxrss``,
    not inherited from the parent that started it)."""
    return status_mb("self", "VmHWM")


def decode_case(spec: str) -> None:
    """In this fresh process: decode one file one way, print the peak memory it added."""
    how, path = spec.split(":", 1)
    data = Path(path).read_bytes()
    from flask import Flask
    from flask_babel import Babel
    from PIL import Image

    from cms import images

    app = Flask(__name__)
    Babel(app)
    app.config.update(MAX_IMAGE_PIXELS=40_000_000, IMAGE_CONCURRENCY=1, IMAGE_QUEUE_SECONDS=1)
    images.init_app(app)
    before = peak_mb()
    started = time.perf_counter()
    with app.test_request_context():
        if how == "prepare":
            images.encode(images.prepare(data, (2400, 2400)).image, "JPEG")
        else:
            Image.open(io.BytesIO(data)).load()
    elapsed = time.perf_counter() - started
    print(json.dumps({"mb": peak_mb() - before, "seconds": elapsed}))


def decoding(folder: Path) -> None:
    print("1. Decoding a 40 megapixel image, each in a fresh process (peak memory added):")
    for fmt in ("PNG", "JPEG"):
        path = folder / f"forty.{fmt.lower()}"
        path.write_bytes(forty_megapixels(fmt))
        results = {}
        for how in ("full", "prepare"):
            out = subprocess.run([sys.executable, "-m", "bench.uploads", "--decode-case", f"{how}:{path}"],
                                 cwd=ROOT, check=True, capture_output=True, text=True).stdout
            results[how] = json.loads(out.strip().splitlines()[-1])
        full, prepared = results["full"], results["prepare"]
        print(f"  {fmt:<5} {path.stat().st_size / 1e6:5.1f} MB file: full decode {full['mb']:6.0f} MB "
              f"({full['seconds']:.2f} s); prepare(2400 px) {prepared['mb']:6.0f} MB "
              f"({prepared['seconds']:.2f} s) = {prepared['mb'] / max(full['mb'], 1):.0%} of full")


# -- part 2: a served site --------------------------------------------------------------


@dataclass
class Round:
    label: str
    idle_mb: float
    peak_mb: float
    idle_ms: list[float]
    busy_ms: list[float]
    uploads: list[tuple[str, int, float]] = field(default_factory=list)  # name, status, seconds

    @property
    def memory_ratio(self) -> float:
        return self.peak_mb / self.idle_mb

    @property
    def latency_ratio(self) -> float:
        return statistics.median(self.busy_ms) / statistics.median(self.idle_ms)


def build_site(folder: Path, config: dict) -> dict:
    env = {**os.environ, "CMS_INSTANCE": str(folder)}
    env.pop("CMS_DATABASE_URL", None)
    env.pop("CMS_REDIS_URL", None)
    lines = ["WTF_CSRF_ENABLED = False", "RATELIMIT_ENABLED = False"] + [f"{k} = {v!r}" for k, v in config.items()]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.py").write_text("\n".join(lines) + "\n")
    flask = [sys.executable, "-m", "flask", "--app", "wsgi", "cms"]
    subprocess.run(flask + ["init", "--demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(flask + ["create-user", AUTHOR, "--role", "author", "--password-stdin"], cwd=ROOT, env=env,
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    return env


def serve(env: dict, port: int, threads: int) -> subprocess.Popen:
    server_env = {**env, "PORT": str(port), "CMS_WORKERS": "1", "CMS_THREADS": str(threads)}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"],
                              cwd=ROOT, env=server_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if wait_until_healthy(server, port, 60):
        return server
    raise SystemExit("gunicorn did not start")


def worker_pid(server: subprocess.Popen) -> int:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return int(children[0])


def status_mb(pid: int | str, key: str = "VmRSS") -> float:
    """A memory figure of a process, from Linux's ``/proc/<pid>/status``."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def login(port: int) -> str:
    """The session cookie of the bench author."""
    body = f"username={AUTHOR}&password={PASSWORD}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    response.read()
    cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
    if response.status != 302 or not cookie:
        raise SystemExit(f"login failed: {response.status}")
    return cookie


def upload(port: int, cookie: str, data: bytes, name: str) -> tuple[int, float]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json",
               "Cookie": cookie}
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request("POST", "/admin/media/upload", body, headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def home_ms(port: int) -> float:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/", headers={"User-Agent": BROWSER_UA, "Accept": "text/html"})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return (time.perf_counter() - started) * 1000


def run_round(label: str, folder: Path, config: dict, threads: int) -> Round:
    from cms.testing.images import pixel_bomb_png

    env = build_site(folder, config)
    port = free_port()
    server = serve(env, port, threads)
    try:
        pid, cookie = worker_pid(server), login(port)
        for _ in range(20):
            home_ms(port)  # warm up
        idle_ms = [home_ms(port) for _ in range(40)]
        idle_mb = status_mb(pid)
        files = [(pixel_bomb_png(7000, 7000), "7000-a.png"), (pixel_bomb_png(7000, 7000), "7000-b.png"),
                 (pixel_bomb_png(6000, 6000), "6000-a.png"), (pixel_bomb_png(6000, 6000), "6000-b.png")]
        results: list[tuple[str, int, float]] = []

        def send(data: bytes, name: str) -> None:
            results.append((name, *upload(port, cookie, data, name)))

        senders = [threading.Thread(target=send, args=item) for item in files]
        for sender in senders:
            sender.start()
        busy_ms = []
        while any(sender.is_alive() for sender in senders) or len(busy_ms) < 5:
            busy_ms.append(home_ms(port))
        # The worker's peak since it started: the uploads, as idle it was lower.
        return Round(label, idle_mb, status_mb(pid, "VmHWM"), idle_ms, busy_ms, sorted(results))
    finally:
        server.terminate()
        server.wait(timeout=30)


def print_round(result: Round) -> None:
    print(f"  {result.label}:")
    print(f"    worker memory: idle {result.idle_mb:.0f} MB, peak {result.peak_mb:.0f} MB "
          f"(×{result.memory_ratio:.2f})")
    print(f"    home page: idle p50 {statistics.median(result.idle_ms):.0f} ms; under load p50 "
          f"{statistics.median(result.busy_ms):.0f} ms (×{result.latency_ratio:.1f}), max {max(result.busy_ms):.0f} ms "
          f"over {len(result.busy_ms)} requests")
    sent = (f"{name} → {status} in {seconds:.1f} s" for name, status, seconds in result.uploads)
    print("    uploads: " + ", ".join(sent))


def main() -> int:
    args = parse_args()
    if args.decode_case:
        decode_case(args.decode_case)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-uploads-"))
    try:
        decoding(folder)
        print(f"2. The demo site, gunicorn: 1 worker × {args.threads} threads; two 7000×7000 and two 6000×6000 "
              f"PNG uploads at once while the home page is loaded; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPUs:")
        budgeted = run_round("default budgets (40 MP, 1 decode at a time)", folder / "budgeted", {}, args.threads)
        print_round(budgeted)
        lifted = run_round("budgets lifted (100 MP, 4 decodes at a time)", folder / "lifted", LIFTED, args.threads)
        print_round(lifted)
        refused = all(status == 400 for name, status, _s in budgeted.uploads if name.startswith("7000"))
        ok = refused and budgeted.memory_ratio < MEMORY_TARGET and budgeted.latency_ratio < LATENCY_TARGET
        print(f"  oversize refused: {'yes' if refused else 'NO'}; with budgets: memory ×{budgeted.memory_ratio:.2f} "
              f"(target < {MEMORY_TARGET:.0f}), home page ×{budgeted.latency_ratio:.1f} (target < "
              f"{LATENCY_TARGET:.0f}); lifted: memory ×{lifted.memory_ratio:.2f}, home page "
              f"×{lifted.latency_ratio:.1f}   {'ok' if ok else 'MISSED'}")
        return 0 if ok else 1
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
