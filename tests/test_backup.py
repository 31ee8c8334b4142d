"""`cms backup` and `cms restore`: the demo site survives a round trip into a
fresh instance folder and database, and a restore refuses what it must."""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import tarfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import func, inspect, select, table

from cms.extensions import db
from cms.testing import empty_database, plugin_installed

pytestmark = pytest.mark.xdist_group("backup")
slow_round_trip = pytest.mark.slow  # builds the demo site, backs it up and restores it

ARCHIVED_PAGES = ("/", "/gioi-thieu", "/gioi-thieu/dieu-kien-tu-nhien")
ASSET = re.compile(r'(?:src|href)="(/(?:media|news/anh|gallery/_media)/[^"?]+)')
SITE_CONFIG = "LOGIN_MAX_FAILURES = 7\n"


@contextmanager
def _instance(folder: Path) -> Iterator[None]:
    """CMS_INSTANCE while an app is built (it is read only then)."""
    previous = os.environ.get("CMS_INSTANCE")
    os.environ["CMS_INSTANCE"] = str(folder)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("CMS_INSTANCE", None)
        else:
            os.environ["CMS_INSTANCE"] = previous


def build_site(instance: Path, url: str):
    """A site on ``instance`` and database ``url``, its secret key made in
    the instance folder as on a real first start."""
    from cms import create_app

    instance.mkdir(parents=True, exist_ok=True)
    with _instance(instance):
        return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "REDIS_URL": None,
                           "RATELIMIT_ENABLED": False, "PLUGIN_REFRESH_SECONDS": 0.0})


def cms(site, *args: str):
    """Run ``flask --app wsgi cms ARGS`` on ``site``."""
    with site.app_context():
        return site.test_cli_runner().invoke(args=["cms", *args])


def close(site) -> None:
    with site.app_context():
        db.session.remove()
        db.engine.dispose()


def row_counts(site) -> dict[str, int]:
    with site.app_context():
        names = inspect(db.engine).get_table_names()
        return {name: db.session.scalar(select(func.count()).select_from(table(name))) for name in names}


def checksums(folder: Path, leave_out: set[str] = frozenset({"secret_key", "backups"})) -> dict[str, str]:
    """Every file of an instance folder but runtime files (hidden ones at
    the top), backups and the secret key."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not relative.parts[0].startswith(".") and relative.parts[0] not in leave_out:
            found[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {info.name: tar.extractfile(info).read() for info in tar}


def rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of ``archive`` whose members ``change(dict)`` has edited."""
    contents = members(archive)
    change(contents)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


# -- the round trip --------------------------------------------------------------------------------


@dataclass
class RoundTrip:
    source: object
    target: object
    archive: Path
    backup_output: str
    restore_output: str
    rows_before: dict[str, int]
    rows_after: dict[str, int]
    files_before: dict[str, str]
    files_after: dict[str, str]


@pytest.fixture(scope="module")
def round_trip(cms_backend, tmp_path_factory) -> Iterator[RoundTrip]:
    """The demo site backed up, then restored into a new instance folder and
    a new, empty database; counts and checksums taken before any page view."""
    root = tmp_path_factory.mktemp("round-trip")
    with ExitStack() as stack:
        urls = []
        for name in ("source-db", "target-db"):
            (root / name).mkdir()
            urls.append(stack.enter_context(empty_database(cms_backend, root / name)))
        (root / "source").mkdir()
        (root / "source" / "config.py").write_text(SITE_CONFIG)
        source = build_site(root / "source", urls[0])
        stack.callback(close, source)
        demo = cms(source, "init", "--demo")
        assert demo.exit_code == 0, demo.output
        archive = root / "site.tar.gz"
        backup = cms(source, "backup", "--out", str(archive))
        assert backup.exit_code == 0, backup.output
        target = build_site(root / "target", urls[1])
        stack.callback(close, target)
        restore = cms(target, "restore", str(archive))
        assert restore.exit_code == 0, restore.output
        yield RoundTrip(source, target, archive, backup.output, restore.output,
                        row_counts(source), row_counts(target),
                        checksums(root / "source"), checksums(root / "target"))


@slow_round_trip
def test_a_restored_site_has_every_row_of_the_backed_up_one(round_trip):
    assert round_trip.rows_after == round_trip.rows_before
    assert round_trip.rows_before["pages"] >= 10 and "alembic_version" in round_trip.rows_before
    assert "Restore finished" in round_trip.restore_output


@slow_round_trip
def test_a_restored_site_has_every_file_byte_for_byte(round_trip):
    files = round_trip.files_before
    assert round_trip.files_after == files
    assert files["config.py"] == hashlib.sha256(SITE_CONFIG.encode()).hexdigest()
    assert any(name.startswith("uploads/media/") for name in files), "editor uploads"
    if plugin_installed("gallery"):
        assert any(name.startswith("gallery/") for name in files), "a plugin's own folder in the instance"


@slow_round_trip
def test_the_archive_carries_a_manifest_with_versions_heads_and_checksums(round_trip, cms_backend):
    contents = members(round_trip.archive)
    manifest = json.loads(contents.pop("manifest.json"))
    assert manifest["database"] == cms_backend.name and manifest["core_version"]
    with round_trip.source.app_context():
        tables = inspect(db.engine).get_table_names()
    histories = {"core" if name == "alembic_version" else name.removeprefix("alembic_version_")
                 for name in tables if name.startswith("alembic_version")}
    assert set(manifest["migrations"]) == histories and all(manifest["migrations"].values())
    assert set(manifest["members"]) == set(contents)
    for name, data in contents.items():
        assert manifest["members"][name] == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}, name
    database = "database/sqlite.db" if cms_backend.name == "sqlite" else "database/postgresql.dump"
    assert database in contents and not any(name.endswith("secret_key") for name in contents)
    assert stat.S_IMODE(round_trip.archive.stat().st_mode) == 0o600, "it holds password hashes"


def _same_page(round_trip, path: str) -> str:
    """Fetch ``path`` from both sites; they must show the same page and the
    same images."""
    source, target = round_trip.source.test_client(), round_trip.target.test_client()
    before, after = source.get(path), target.get(path)
    assert before.status_code == after.status_code == 200, path
    html = after.get_data(as_text=True)
    assert _main(html) == _main(before.get_data(as_text=True)), path
    for asset in set(ASSET.findall(html)):
        assert target.get(asset).data == source.get(asset).data, asset
    return html


def _main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


@slow_round_trip
def test_the_restored_site_shows_the_same_pages_and_images(round_trip):
    home = _same_page(round_trip, "/")
    assert "Phường Sen Hồng" in home
    page = _same_page(round_trip, "/gioi-thieu/dieu-kien-tu-nhien")
    assert '<img src="/media/' in page


@slow_round_trip
@pytest.mark.plugins("news")
def test_the_restored_site_shows_the_same_news_article(round_trip):
    listing = round_trip.target.test_client().get("/news/").get_data(as_text=True)
    slug = re.search(r'href="/news/(?!danh-muc/|the/|in/|rss|atom)([\w-]+)"', listing).group(1)
    article = _same_page(round_trip, f"/news/{slug}")
    assert 'src="/news/anh/' in article, "the cover image is served from the restored uploads"


# -- refusals --------------------------------------------------------------------------------------


@pytest.fixture
def archive(app, runner, users, tmp_path) -> Path:
    """A backup of the test site (three staff accounts, an upload, a config)."""
    from cms.media import media_folder

    (media_folder() / "logo.png").write_bytes(b"\x89PNG not really")
    (Path(app.instance_path) / "config.py").write_text(SITE_CONFIG)
    path = tmp_path / "site.tar.gz"
    result = runner.invoke(args=["cms", "backup", "--out", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def fresh_site(cms_backend, tmp_path):
    """A new instance folder on a new, empty database."""
    (tmp_path / "fresh-db").mkdir()
    with empty_database(cms_backend, tmp_path / "fresh-db") as url:
        site = build_site(tmp_path / "fresh", url)
        yield site
        close(site)


def _untouched(site) -> None:
    """Nothing was restored: no table, no site file."""
    assert row_counts(site) == {}
    assert checksums(Path(site.instance_path)) == {}


def test_restore_refuses_a_site_that_is_not_empty_unless_forced(app, runner, archive):
    from cms.models import User

    db.session.delete(User.by_username("author"))
    db.session.commit()
    refused = runner.invoke(args=["cms", "restore", str(archive)])
    assert refused.exit_code == 1
    assert "not empty" in refused.output and "--force" in refused.output
    assert User.by_username("author") is None, "nothing changed"

    forced = runner.invoke(args=["cms", "restore", "--force", str(archive)])
    assert forced.exit_code == 0, forced.output
    assert User.by_username("author") is not None, "the account deleted after the backup is back"


def _flip_upload(contents: dict[str, bytes]) -> None:
    contents["uploads/media/logo.png"] = b"\x89PNG tampered"


def _drop_manifest(contents: dict[str, bytes]) -> None:
    del contents["manifest.json"]


def _manifest_edit(**changes):
    def edit(contents: dict[str, bytes]) -> None:
        manifest = json.loads(contents["manifest.json"])
        for key, value in changes.items():
            manifest[key] = value(manifest) if callable(value) else value
        contents["manifest.json"] = json.dumps(manifest).encode()

    return edit


def _manifest_as_folder(archive: Path, target: Path) -> Path:
    """The archive with a folder where its manifest should be."""
    contents = members(archive)
    _drop_manifest(contents)
    with tarfile.open(target, "w:gz") as tar:
        folder = tarfile.TarInfo("manifest.json")
        folder.type = tarfile.DIRTYPE
        tar.addfile(folder)
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def _truncated(archive: Path, target: Path) -> Path:
    target.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    return target


def _rewritten(change):
    return lambda archive, target: rewrite(archive, target, change)


REFUSALS = {
    "damaged": (_truncated, "is damaged or not a tar.gz archive"),
    "checksum mismatch": (_rewritten(_flip_upload), "uploads/media/logo.png: checksum mismatch"),
    "no manifest": (_rewritten(_drop_manifest), "has no manifest.json"),
    "manifest is a folder": (_manifest_as_folder, "holds 'manifest.json', which is not a regular file"),
    "newer core": (_rewritten(_manifest_edit(core_version="99.0")), "made by Sen CMS 99.0, newer than this code"),
    "unknown revision": (_rewritten(_manifest_edit(migrations=lambda m: {**m["migrations"], "core": ["ffffffffffff"]})),
                         "revision ffffffffffff, which this code does not know"),
    "other database": (
        _rewritten(_manifest_edit(database=lambda m: {"sqlite": "postgresql"}.get(m["database"], "sqlite"))),
        "restoring across database kinds is not supported"),
}


def test_restore_refuses_a_corrupt_or_mismatched_archive_and_changes_nothing(archive, fresh_site, tmp_path):
    for case, (make_bad, message) in REFUSALS.items():
        bad = make_bad(archive, tmp_path / f"{case}.tar.gz")
        result = cms(fresh_site, "restore", str(bad))
        assert result.exit_code == 1 and message in result.output, f"{case}: {result.output}"
        _untouched(fresh_site)
    assert cms(fresh_site, "restore", str(archive)).exit_code == 0, "the intact archive restores"


def test_backup_needs_pg_dump_only_on_postgresql(app, runner, cms_backend, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = tmp_path / "site.tar.gz"
    result = runner.invoke(args=["cms", "backup", "--out", str(out)])
    if cms_backend.name == "sqlite":
        assert result.exit_code == 0 and out.is_file(), "SQLite needs no outside tool"
        return
    assert result.exit_code == 1
    assert "pg_dump was not found" in result.output and "postgresql-client" in result.output
    assert list(tmp_path.glob("*site.tar.gz*")) == [], "no partial archive is left behind"


def test_backup_keeps_the_secret_key_out_unless_asked(app, runner, tmp_path, fresh_site):
    instance = Path(app.instance_path)
    (instance / "secret_key").write_text("k" * 64)
    (instance / "config.py").write_text(f'SITE = "x"\nSECRET_KEY = (\n    "{"s" * 40}"\n)\n')
    plain, secret = tmp_path / "plain.tar.gz", tmp_path / "secret.tar.gz"
    assert runner.invoke(args=["cms", "backup", "--out", str(plain)]).exit_code == 0
    contents = members(plain)
    assert "instance/secret_key" not in contents
    assert b"s" * 40 not in contents["instance/config.py"] and b'SITE = "x"' in contents["instance/config.py"]

    assert runner.invoke(args=["cms", "backup", "--with-secret", "--out", str(secret)]).exit_code == 0
    assert members(secret)["instance/secret_key"] == b"k" * 64
    assert cms(fresh_site, "restore", str(secret)).exit_code == 0
    restored = Path(fresh_site.instance_path) / "secret_key"
    assert restored.read_text() == "k" * 64 and stat.S_IMODE(restored.stat().st_mode) == 0o600


def test_restore_keeps_the_new_instances_own_config(archive, fresh_site):
    config = Path(fresh_site.instance_path) / "config.py"
    config.write_text("# this machine's own settings\n")
    result = cms(fresh_site, "restore", str(archive))
    assert result.exit_code == 0, result.output
    assert config.read_text() == "# this machine's own settings\n"
    assert "config.py.restored" in result.output


def test_default_backups_are_dated_in_the_instance_and_never_archived(app, runner):
    first = runner.invoke(args=["cms", "backup"])
    second = runner.invoke(args=["cms", "backup"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    folder = Path(app.instance_path) / "backups"
    made = sorted(folder.glob("sen-cms-*.tar.gz"))
    assert made and all(re.fullmatch(r"sen-cms-\d{8}-\d{6}Z(-\d+)?\.tar\.gz", path.name) for path in made)
    assert not any(name.startswith("instance/backups") for name in members(made[-1]))
