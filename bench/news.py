"""News pages on a site with 100,000 articles (SQLite).

    .venv/bin/python -m bench.news [--articles 100000] [--requests 200] [--keep DIR]

Builds a throwaway site with only the news plugin enabled, bulk-inserts the
articles (with categories, a few featured, drafts and scheduled ones), then
times requests through the Flask test client, each in its own app context
as under a server: the first listing page, a page in the middle, the last
page, random article pages, and category and tag listings. Target: p95
under 50 ms.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Callable

TARGET_MS = 50.0
BATCH = 5_000
SPAN_MINUTES = 10 * 365 * 24 * 60
CATEGORIES = ("Tin tức - Sự kiện", "Cải cách hành chính", "Kinh tế - Xã hội", "Văn hóa - Du lịch")
WORDS = ("thị xã", "người dân", "cải cách", "hành chính", "hội chợ", "nông sản", "lễ hội", "đua ghe",
         "dịch vụ công", "một cửa", "học bổng", "giao thông", "nông thôn mới", "du lịch", "văn hóa")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page kind")
    parser.add_argument("--keep", type=Path, help="build the site in this folder and keep it")
    return parser.parse_args()


def make_app(folder: Path):
    os.environ["CMS_INSTANCE"] = str(folder)
    for name in ("CMS_DATABASE_URL", "CMS_REDIS_URL"):
        os.environ.pop(name, None)
    from cms import create_app

    return create_app({"RATELIMIT_ENABLED": False, "SERVER_NAME": "bench.test"})


def news_only() -> None:
    """Install, then leave only the news plugin on (no visitor counting)."""
    from sqlalchemy import update

    from cms.extensions import db
    from cms.pluginhost.install import install
    from cms.models import PluginState
    from cms.statecache import bump_generation

    install()
    db.session.execute(update(PluginState).values(enabled=PluginState.name == "news"))
    bump_generation()
    db.session.commit()


def title(rng: random.Random, number: int) -> str:
    return f"{' '.join(rng.sample(WORDS, 4)).capitalize()} số {number}"


def fill(count: int, seed: int = 7) -> list[str]:
    """Bulk-insert ``count`` articles; return the slugs of the visible ones."""
    from sqlalchemy import insert

    from cms.extensions import db
    from cms.models import utcnow
    from plugins.news.listing_index import rebuild
    from plugins.news.models import Article, Category, Tag, article_category, article_tag

    rng = random.Random(seed)
    categories = [Category(name=name, slug=f"muc-{i}", position=i) for i, name in enumerate(CATEGORIES)]
    db.session.add_all(categories)
    db.session.flush()
    categories.append(Category(name="Phổ biến pháp luật", slug="muc-con", parent_id=categories[1].id))
    db.session.add(categories[-1])
    tags = [Tag(name=word, slug=f"the-{i}") for i, word in enumerate(WORDS)]
    db.session.add_all(tags)
    db.session.flush()
    now = utcnow().replace(microsecond=0)
    visible: list[str] = []
    body = "".join(f"<p>{' '.join(rng.choices(WORDS, k=40))}.</p>" for _ in range(4))
    for start in range(0, count, BATCH):
        rows, links, labels = [], [], []
        for number in range(start + 1, min(start + BATCH, count) + 1):
            roll = rng.random()
            status = "draft" if roll < 0.02 else "scheduled" if roll < 0.03 else "published"
            # Written in order over ten years, as a site fills up; a few are
            # back-dated by up to a month.
            ago = timedelta(minutes=(count - number) * SPAN_MINUTES // count + rng.randint(0, 30 * 24 * 60))
            when = now + timedelta(days=rng.randint(1, 30)) if status == "scheduled" else now - ago
            slug = f"bai-viet-so-{number}"
            rows.append({"id": number, "title": title(rng, number), "slug": slug, "summary": "Tóm tắt bài viết.",
                         "body": body, "search_text": slug.replace("-", " "), "byline": "Phóng viên",
                         "source": "", "status": status, "publish_at": when, "featured": rng.random() < 0.0002,
                         "cover_width": 0, "cover_height": 0, "cover_alt": "", "cover_caption": "",
                         "cover_credit": "", "created_at": when, "updated_at": when})
            for category in rng.sample(categories, rng.choice((1, 1, 2))):
                links.append({"article_id": number, "category_id": category.id})
            # One article in five has the common tag; the others are rare.
            picked = [tags[0]] if rng.random() < 0.2 else []
            if rng.random() < 0.02:
                picked += rng.sample(tags[1:], 2)
            labels.extend({"article_id": number, "tag_id": tag.id} for tag in picked)
            if status == "published":
                visible.append(slug)
        db.session.execute(insert(Article), rows)
        db.session.execute(insert(article_category), links)
        if labels:
            db.session.execute(insert(article_tag), labels)
    rebuild(db.session.connection())
    db.session.commit()
    db.session.execute(db.text("ANALYZE"))
    db.session.commit()
    return visible


def timed(client, paths: Callable[[], str], requests: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each request."""
    for _ in range(10):
        assert client.get(paths()).status_code == 200
    wall, cpu = [], []
    for _ in range(requests):
        path = paths()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return wall, cpu


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(len(ordered) * fraction) - 1)]


def report(name: str, samples: tuple[list[float], list[float]]) -> bool:
    wall, cpu = samples
    p95 = percentile(wall, 0.95)
    ok = p95 < TARGET_MS
    print(f"  {name:<36} p50 {statistics.median(wall):6.1f} ms   p95 {p95:6.1f} ms   "
          f"(CPU p95 {percentile(cpu, 0.95):5.1f} ms)   {'ok' if ok else 'SLOW'}")
    return ok


def main() -> int:
    args = parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-news-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        app = make_app(folder)
        with app.app_context():
            news_only()
            started = time.perf_counter()
            visible = fill(args.articles)
            print(f"Inserted {args.articles:,} articles in {time.perf_counter() - started:.1f} s "
                  f"({len(visible):,} visible) into {folder / 'cms.db'}")
            per_page = app.extensions["cms_plugins"].settings_of("news")["per_page"]
        pages = -(-len(visible) // per_page)
        rng = random.Random(1)
        client = app.test_client()
        kinds = {
            "listing, first page": lambda: "/news/",
            f"listing, page {pages // 2:,}": lambda: f"/news/?page={pages // 2}",
            f"listing, last page ({pages:,})": lambda: f"/news/?page={pages}",
            "category with subcategory, page 1": lambda: "/news/danh-muc/muc-1",
            "category with subcategory, page 500": lambda: "/news/danh-muc/muc-1?page=500",
            "common tag, page 1": lambda: "/news/the/the-0",
            "rare tag, page 1": lambda: "/news/the/the-7",
            "article page (random)": lambda: f"/news/{rng.choice(visible)}",
        }
        print(f"{args.requests} requests each (after 10 warm-up), target p95 < {TARGET_MS:.0f} ms; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs:")
        results = [report(name, timed(client, path, args.requests)) for name, path in kinds.items()]
        return 0 if all(results) else 1
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
