"""``flask --app wsgi cms gallery ...``: import a folder, finish pending
renditions, find files no photo owns."""
from __future__ import annotations

import time
from pathlib import Path

import click

from cms.plugin import db

from . import services
from .imaging import FileTooLarge, ImageRefused
from .models import Album, Photo
from .queries import album_by_slug, unprocessed_photo_ids
from .storage import get_storage

CLEAN_MIN_AGE = 3600  # seconds; younger files may belong to an upload in progress


def commands() -> list[click.Command]:
    return [import_folder, process, clean]


@click.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--album", "slug", required=True, help="Slug of the album; created (unpublished) if missing.")
@click.option("--title", default="", help="Title for a new album (default: the folder's name).")
@click.option("--credit", default="", help="Photographer credited on every imported photo.")
@click.option("--alt", default="", help="Alt text for every photo; photos with alt text are published.")
@click.option("--recursive", is_flag=True, help="Also import from sub-folders.")
def import_folder(folder: Path, slug: str, title: str, credit: str, alt: str, recursive: bool) -> None:
    """Import every photo in FOLDER into an album, making renditions as it goes."""
    album = album_by_slug(slug, published_only=False) or _new_album(slug, title or folder.name)
    files = sorted(p for p in (folder.rglob("*") if recursive else folder.iterdir())
                   if p.is_file() and not p.name.startswith("."))
    imported, refused = 0, []
    with click.progressbar(files, label=f"Importing into {album.slug}",
                           item_show_func=lambda p: p.name if p else None) as bar:
        for path in bar:
            try:
                photo = services.add_photo(album, path.name, _read(path), credit)
            except ImageRefused as exc:
                refused.append((path, str(exc)))
                continue
            if alt:
                photo.alt, photo.published = alt[:300], True
                db.session.commit()
            services.process_photo(photo.id)
            imported += 1
    services.refresh_cover(album)
    db.session.commit()
    _summary(album, imported, refused)


def _new_album(slug: str, title: str) -> Album:
    album = Album(title=title[:200], slug=services.slug_for(title, slug))
    db.session.add(album)
    db.session.commit()
    click.echo(f"Created the album {album.slug!r} (unpublished).")
    return album


def _read(path: Path) -> bytes:
    limit = services.max_bytes()
    if path.stat().st_size > limit:
        raise FileTooLarge(f"Tệp quá lớn: tối đa {limit // services.MB} MB mỗi ảnh.")
    return path.read_bytes()


def _summary(album: Album, imported: int, refused: list[tuple[Path, str]]) -> None:
    click.echo(f"Imported {imported} photo(s) into {album.slug!r}; refused {len(refused)}.")
    for path, reason in refused:
        click.echo(f"  refused {path.name}: {reason}")
    if refused:
        raise click.exceptions.Exit(1)


@click.command("process")
def process() -> None:
    """Make the renditions of every photo still pending or failed."""
    ids = unprocessed_photo_ids()
    with click.progressbar(ids, label="Processing photos") as bar:
        for photo_id in bar:
            services.process_photo(photo_id)
    failed = [photo for photo in (db.session.get(Photo, i) for i in ids) if photo is not None and not photo.ready]
    click.echo(f"Processed {len(ids) - len(failed)} photo(s); {len(failed)} failed.")
    for photo in failed:
        click.echo(f"  photo {photo.id} ({photo.original_name}): {photo.error}")


@click.command("clean")
@click.option("--delete", is_flag=True, help="Delete the files found (only those older than an hour).")
def clean(delete: bool) -> None:
    """List files in the gallery's storage that no photo refers to."""
    store = get_storage()
    orphans = services.orphan_keys()
    cutoff = time.time() - CLEAN_MIN_AGE
    for key in orphans:
        old = store.modified(key) < cutoff
        if delete and old:
            store.delete(key)
        click.echo(f"{'deleted' if delete and old else 'orphan'} {key}")
    click.echo(f"{len(orphans)} file(s) without a photo.")
