"""SIPAS survey: results over a million responses, and form submissions under load.

    .venv/bin/python -m bench.sipas [--responses 1000000] [--seconds 10] [--clients 12] [--workers 3]
                                    [--only results|submit] [--postgres SERVER_URL]

``results``: builds a throwaway site on SQLite, bulk-generates responses to
the default questionnaire over two years (one ``INSERT ... SELECT`` from a
recursive counter per table instead of millions of round trips), recomputes the
running totals from the answers, then times the full report (index per
statement, element and overall, distribution, ranking, trend) for several
periods and filters, and the staff dashboard, JSON and Excel over HTTP.
Target: under 2 s.

``submit``: serves a fresh site with gunicorn on loopback (rate limits
off, CSRF on), posts complete questionnaires from concurrent client
threads for a fixed time, then counts the stored responses: every form
answered with a redirect to the thank-you page must be in the database.
Target: at least 200 submissions per second, none lost.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
START = date(2023, 1, 1)
DAYS = 731
POINTS = 12
TARGET_SECONDS = 2.0
TARGET_RATE = 200.0


# -- a throwaway site ---------------------------------------------------------------

def make_site(folder: Path, database_url: str | None = None, config: str = "") -> dict:
    """Create an instance folder, run ``cms init``; return the environment to serve it."""
    env = {**os.environ, "CMS_INSTANCE": str(folder)}
    env.pop("CMS_REDIS_URL", None)
    if database_url:
        env["CMS_DATABASE_URL"] = database_url
    else:
        env.pop("CMS_DATABASE_URL", None)
    (folder / "config.py").write_text(config)
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "cms", "init"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    return env


@contextmanager
def app_for(env: dict) -> Iterator:
    """The site's app, in a request context, in this process."""
    saved = {key: os.environ.get(key) for key in ("CMS_INSTANCE", "CMS_DATABASE_URL")}
    os.environ["CMS_INSTANCE"] = env["CMS_INSTANCE"]
    if env.get("CMS_DATABASE_URL"):
        os.environ["CMS_DATABASE_URL"] = env["CMS_DATABASE_URL"]
    from cms import create_app

    app = create_app({"RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False})
    try:
        with app.test_request_context():
            yield app
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def add_points(count: int) -> list[int]:
    """``count`` service points: the provincial centre and communes."""
    from cms.extensions import db
    from plugins.sipas.models import Level, Point
    from plugins.sipas.queries import levels

    tiers = {level.name: level for level in levels()} or {}
    province = tiers.get("Cấp tỉnh") or Level(name="Cấp tỉnh", position=1)
    commune = tiers.get("Cấp xã") or Level(name="Cấp xã", position=2)
    db.session.add_all([province, commune])
    db.session.flush()
    made = [Point(code="trung-tam-tinh", name="Trung tâm Phục vụ hành chính công tỉnh", level_id=province.id)]
    made += [Point(code=f"xa-{n}", name=f"Điểm phục vụ xã số {n}", level_id=commune.id, position=n)
             for n in range(1, count)]
    db.session.add_all(made)
    db.session.commit()
    return [p.id for p in made]


def default_survey_ids() -> tuple[int, int]:
    from plugins.sipas.queries import current_version, default_survey

    survey = default_survey()
    return survey.id, current_version(survey).id


# -- results over a million responses -------------------------------------------------

RESPONSES_SQL = """
WITH RECURSIVE counter(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM counter WHERE i < :n)
INSERT INTO sipas_response (id, survey_id, version_id, point_id, field_id, channel, answered_on)
SELECT i, :survey, :version, :first_point + abs(random()) % :points,
       CASE WHEN abs(random()) % 10 = 0 THEN NULL ELSE :first_field + abs(random()) % :fields END,
       CASE abs(random()) % 10 WHEN 0 THEN 'paper' WHEN 1 THEN 'kiosk' WHEN 2 THEN 'kiosk'
            WHEN 3 THEN 'qr' WHEN 4 THEN 'qr' WHEN 5 THEN 'qr' ELSE 'web' END,
       date(:start, '+' || (abs(random()) % :days) || ' days')
FROM counter
"""

# Mostly satisfied, some neutral; optional statements skipped by about a
# third of respondents and "don't know" for a tenth of the rest.
ANSWERS_SQL = """
INSERT INTO sipas_answer (response_id, question_id, value)
SELECT r.id, q.id,
       CASE WHEN NOT q.required AND abs(random()) % 10 = 0 THEN 0 ELSE
         CASE WHEN abs(random()) % 100 < 4 THEN 1 WHEN abs(random()) % 100 < 7 THEN 2
              WHEN abs(random()) % 100 < 18 THEN 3 WHEN abs(random()) % 100 < 60 THEN 4 ELSE 5 END END
FROM sipas_response r
CROSS JOIN (SELECT id, required FROM sipas_question WHERE version_id = :version AND kind = 'rating' AND NOT retired) q
WHERE r.survey_id = :survey AND (q.required OR abs(random()) % 3 > 0)
"""

COMMENTS_SQL = """
INSERT INTO sipas_comment (response_id, question_id, survey_id, body, hidden)
SELECT r.id, :question, :survey, 'Góp ý số ' || r.id || ': cần thêm ghế ngồi và hướng dẫn rõ hơn.', 0
FROM sipas_response r WHERE r.survey_id = :survey AND abs(random()) % 20 = 0
"""


def generate(responses: int) -> dict[str, float]:
    """Bulk-generate responses to the default survey; return timings."""
    from sqlalchemy import select, text

    from cms.extensions import db
    from plugins.sipas.models import TEXT, Question, ServiceField, Survey
    from plugins.sipas.tally import rebuild

    point_ids = add_points(POINTS)
    field_ids = sorted(db.session.scalars(select(ServiceField.id)))
    survey_id, version_id = default_survey_ids()
    question = db.session.scalar(select(Question.id).where(Question.version_id == version_id, Question.kind == TEXT))
    assert point_ids == list(range(point_ids[0], point_ids[0] + len(point_ids))), "point ids must be contiguous"
    assert field_ids == list(range(field_ids[0], field_ids[0] + len(field_ids))), "field ids must be contiguous"
    timings = {}
    for pragma in ("temp_store = MEMORY", "cache_size = -1000000"):  # this connection only: 1 GB of cache
        db.session.execute(text(f"PRAGMA {pragma}"))
    started = time.perf_counter()
    db.session.execute(text(RESPONSES_SQL), {
        "n": responses, "survey": survey_id, "version": version_id, "first_point": point_ids[0],
        "points": len(point_ids), "first_field": field_ids[0], "fields": len(field_ids),
        "start": START.isoformat(), "days": DAYS})
    db.session.execute(text(ANSWERS_SQL), {"survey": survey_id, "version": version_id})
    db.session.execute(text(COMMENTS_SQL), {"survey": survey_id, "question": question})
    db.session.commit()
    timings["generate responses, answers, comments"] = time.perf_counter() - started
    started = time.perf_counter()
    rebuild(survey_id)
    db.session.commit()
    timings["rebuild running totals from the answers"] = time.perf_counter() - started
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    survey = db.session.get(Survey, survey_id)
    survey.public_results = True
    db.session.commit()
    return timings


def report_cases() -> list[tuple[str, dict]]:
    from plugins.sipas.queries import point_by_code

    return [
        ("year 2024", {"period": ("year", 2024)}),
        ("two years (custom 2023-01-01..2024-12-31)", {"period": ("custom", date(2023, 1, 1), date(2024, 12, 31))}),
        ("reporting year 15/12/2023..14/12/2024", {"period": ("custom", date(2023, 12, 15), date(2024, 12, 14))}),
        ("quarter II/2024", {"period": ("quarter", 2024, 2)}),
        ("month 03/2024", {"period": ("month", 2024, 3)}),
        ("year 2024, one service point", {"period": ("year", 2024), "point": point_by_code("xa-3")}),
        ("year 2024, channel = qr", {"period": ("year", 2024), "channel": "qr"}),
    ]


def timed(work):
    """(result, wall seconds, CPU seconds of this process: the SQLite work
    and the Python, without the waiting that other load on the machine adds)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def time_reports() -> list[tuple[str, float, float, int]]:
    from cms.extensions import db
    from plugins.sipas.queries import default_survey
    from plugins.sipas.periods import Period
    from plugins.sipas.report import Filters, build_report

    survey = default_survey()
    results = []
    for label, case in report_cases():
        kind, *args = case.pop("period")
        period = getattr(Period, kind)(*args)
        db.session.expire_all()
        filters = Filters(survey=survey, period=period, **case)
        report, wall, cpu = timed(partial(build_report, filters))
        results.append((label, wall, cpu, report.responses))
    return results


def time_http(app) -> list[tuple[str, float, float, int]]:
    """The staff dashboard, JSON and Excel, and the public page, as a browser gets them."""
    from cms.extensions import db
    from cms.models import Role, User

    user = User(username="bench-editor", role=Role.EDITOR.value)
    user.set_password("bench password 123")
    db.session.add(user)
    db.session.commit()
    client = app.test_client()
    client.post("/login", data={"username": "bench-editor", "password": "bench password 123"})
    query = urlencode({"period": "year", "year": 2024})
    results = []
    for label, url in (("staff dashboard (HTML)", f"/admin/sipas/results/?{query}"),
                       ("JSON endpoint", f"/admin/sipas/results.json?{query}"),
                       ("Excel export (with up to 10,000 comments)", f"/admin/sipas/results.xlsx?{query}"),
                       ("CSV export (with up to 10,000 comments)", f"/admin/sipas/results.csv?{query}"),
                       ("public results page", f"/sipas/ket-qua/dich-vu-hanh-chinh-cong?{query}")):
        response, wall, cpu = timed(partial(client.get, url))
        results.append((label, wall, cpu, response.status_code))
    return results


def bench_results(args: argparse.Namespace) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="cms-bench-sipas-"))
    try:
        env = make_site(folder)
        with app_for(env) as app:
            timings = generate(args.responses)
            reports = time_reports()
            pages = time_http(app)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nResults over {args.responses:,} responses to one survey (16 rated statements), SQLite;"
          f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for label, seconds in timings.items():
        print(f"  setup: {label:<52} {seconds:7.1f} s")
    print(f"  {'':<60} {'wall':>8} {'CPU':>8}")
    slowest = 0.0
    for label, wall, cpu, responses in reports:
        slowest = max(slowest, wall)
        print(f"  report: {label:<51} {wall:7.3f}s {cpu:7.3f}s  ({responses:,} responses)")
    for label, wall, cpu, status in pages:
        slowest = max(slowest, wall) if status == 200 else float("inf")
        print(f"  HTTP:   {label:<51} {wall:7.3f}s {cpu:7.3f}s  (status {status})")
    ok = slowest < TARGET_SECONDS
    verdict = "ok" if ok else "TOO SLOW"
    print(f"slowest report or page: {slowest:.3f} s wall (target < {TARGET_SECONDS:g} s) -> {verdict}")
    return ok


# -- form submissions under load ---------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One respondent's browser: keeps the session cookie and CSRF token."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, dict]:
        headers = {"Accept": "text/html", "User-Agent": "bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        for cookie in response.headers.get_all("Set-Cookie") or ():
            name, _eq, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        return response.status, text, dict(response.getheaders())

    def open_form(self, path: str) -> None:
        status, page, _headers = self.request("GET", path)
        match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
            r'name="csrf_token" value="([^"]+)"', page)
        if status != 200 or not match:
            raise SystemExit(f"form did not load: {status}")
        self.token = match.group(1)


def questionnaire(token: str, number: int, keys: list[str], point: str) -> str:
    values = {"csrf_token": token, "point": point, "website": ""}
    values.update({f"q_{key}": str(1 + (number + i) % 5) for i, key in enumerate(keys)})
    values["q_gop_y"] = f"Góp ý thử số {number}"
    return urlencode(values)


def submit_load(port: int, clients: int, seconds: float, keys: list[str], points: list[str]) -> tuple[int, list, list]:
    """Post questionnaires from ``clients`` threads for ``seconds``; return
    (accepted, other statuses, latencies in seconds)."""
    deadline = time.monotonic() + seconds
    accepted = [0] * clients
    problems: list = []
    latencies: list[float] = []

    def run(number: int) -> None:
        client = Client(port)
        client.open_form("/sipas/")
        sent = 0
        while time.monotonic() < deadline:
            sent += 1
            body = questionnaire(client.token, number * 1_000_000 + sent, keys, points[sent % len(points)])
            started = time.monotonic()
            status, text, headers = client.request("POST", "/sipas/", body)
            latencies.append(time.monotonic() - started)
            if status in (302, 303) and "cam-on" in headers.get("Location", ""):
                accepted[number] += 1
            else:
                problems.append(status)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(accepted), problems, latencies


def serve(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", str(threads),
         "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "10", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start: " + server.stderr.read().decode(errors="replace")[-2000:])


def stored_responses(env: dict) -> int:
    from sqlalchemy import func, select

    from cms.extensions import db
    from plugins.sipas.models import Count, Response

    with app_for(env):
        stored = db.session.scalar(select(func.count(Response.id)))
        counted = db.session.scalar(select(func.sum(Count.n)).where(Count.grain == 1)) or 0
        if counted != stored:
            raise SystemExit(f"running totals ({counted}) disagree with the responses ({stored})")
        return stored


@contextmanager
def throwaway_database(server_url: str | None) -> Iterator[str | None]:
    """A new, empty PostgreSQL database on ``server_url``, dropped afterwards
    (``None``: the site's SQLite file)."""
    if not server_url:
        yield None
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"cms_bench_sipas_{os.getpid()}"
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def bench_submit(args: argparse.Namespace) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="cms-bench-sipas-submit-"))
    with throwaway_database(args.postgres) as database_url:
        try:
            return _bench_submit(args, folder, database_url)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _bench_submit(args: argparse.Namespace, folder: Path, database_url: str | None) -> bool:
    env = make_site(folder, database_url, "RATELIMIT_ENABLED = False\n")
    with app_for(env):
        from plugins.sipas.models import RATING
        from plugins.sipas.queries import current_version, default_survey

        add_points(POINTS)
        keys = [q.key for q in current_version(default_survey()).active(RATING)]
    points = [f"xa-{n}" for n in range(1, POINTS)]
    port = free_port()
    server = serve(env, port, args.workers, args.threads)
    try:
        started = time.monotonic()
        accepted, problems, latencies = submit_load(port, args.clients, args.seconds, keys, points)
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    stored = stored_responses(env)
    rate = accepted / elapsed
    backend = "PostgreSQL" if database_url else "SQLite"
    print(f"\nForm submissions: gunicorn {args.workers} workers x {args.threads} threads, {args.clients} clients, "
          f"{elapsed:.1f} s, {backend}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"  accepted (303 to the thank-you page): {accepted:,}; other answers: {len(problems)}"
          f"{' ' + str(sorted(set(problems))) if problems else ''}")
    latencies.sort()
    print(f"  rate: {rate:,.1f} submissions/s (target >= {TARGET_RATE:g}); latency median "
          f"{latencies[len(latencies) // 2] * 1000:.0f} ms, 99th percentile "
          f"{latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    print(f"  stored after shutdown: {stored:,} -> {'none lost' if stored == accepted else 'MISMATCH'}")
    return rate >= TARGET_RATE and stored == accepted and not problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the submission run")
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--only", choices=("results", "submit"))
    parser.add_argument("--postgres", metavar="SERVER_URL",
                        help="submit to a throwaway database on this PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    ok = True
    if args.only in (None, "results"):
        ok = bench_results(args) and ok
    if args.only in (None, "submit"):
        ok = bench_submit(args) and ok
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
