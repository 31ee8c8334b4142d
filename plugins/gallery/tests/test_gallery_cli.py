"""``flask cms gallery import FOLDER --album SLUG`` and its companions."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from cms.plugin import db

from ..models import Album, Photo
from .gallery_files import SVG_FILE, image_bytes, stored_files


pytestmark = pytest.mark.plugins("gallery")


def test_import_a_folder_with_a_summary_of_refused_files(app, runner, tmp_path):
    folder = tmp_path / "anh"
    folder.mkdir()
    (folder / "1-cau.jpg").write_bytes(image_bytes((1200, 800)))
    (folder / "2-cho.png").write_bytes(image_bytes((640, 640), fmt="PNG"))
    (folder / "3-logo.svg").write_bytes(SVG_FILE)
    (folder / "4-hong.jpg").write_bytes(image_bytes((900, 600), quality=95)[:-3000])
    (folder / ".DS_Store").write_bytes(b"junk")
    result = runner.invoke(args=["cms", "gallery", "import", str(folder), "--album", "cau-moi",
                                 "--alt", "Cầu mới", "--credit", "Minh Tâm"])
    assert result.exit_code == 1, result.output  # something was refused
    assert "Importing into cau-moi" in result.output
    assert "Imported 2 photo(s) into 'cau-moi'; refused 2." in result.output
    assert "refused 3-logo.svg: Tệp không phải là ảnh JPEG, PNG, WebP hoặc GIF hợp lệ." in result.output
    assert "refused 4-hong.jpg: Tệp ảnh bị hỏng" in result.output
    album = db.session.scalar(select(Album).where(Album.slug == "cau-moi"))
    assert album.title == "anh" and not album.published
    photos = db.session.scalars(select(Photo).order_by(Photo.position)).all()
    assert [(p.original_name, p.status, p.alt, p.credit, p.published) for p in photos] == [
        ("1-cau.jpg", "ready", "Cầu mới", "Minh Tâm", True), ("2-cho.png", "ready", "Cầu mới", "Minh Tâm", True)]
    assert album.cover_id == photos[0].id


def test_import_into_an_existing_album_succeeds_quietly(app, runner, tmp_path, make_album):
    album = make_album("co-san")
    folder = tmp_path / "anh"
    folder.mkdir()
    (folder / "a.webp").write_bytes(image_bytes((500, 300), fmt="WEBP"))
    result = runner.invoke(args=["cms", "gallery", "import", str(folder), "--album", "co-san"])
    assert result.exit_code == 0, result.output
    photo = db.session.scalar(select(Photo))
    assert photo.album_id == album.id and photo.ready and not photo.published  # no alt text given


def test_process_finishes_pending_photos(app, runner, make_album):
    from .. import services

    album = make_album()
    photo = services.add_photo(album, "cho.jpg", image_bytes())
    result = runner.invoke(args=["cms", "gallery", "process"])
    assert result.exit_code == 0 and "Processed 1 photo(s); 0 failed." in result.output
    db.session.expire_all()
    assert db.session.get(Photo, photo.id).ready


def test_clean_lists_and_deletes_orphan_files(app, runner, make_album):
    import os

    from ..storage import get_storage

    make_album("that", photos=1)
    store = get_storage()
    store.save("public/ab/999-320-abababababababab.jpg", b"left by a crash")
    listed = runner.invoke(args=["cms", "gallery", "clean"])
    assert "orphan public/ab/999-320-abababababababab.jpg" in listed.output and "1 file(s)" in listed.output
    fresh = runner.invoke(args=["cms", "gallery", "clean", "--delete"])
    assert store.exists("public/ab/999-320-abababababababab.jpg"), fresh.output  # too young: may be an upload
    path = store.root / "public/ab/999-320-abababababababab.jpg"
    os.utime(path, (0, 0))
    runner.invoke(args=["cms", "gallery", "clean", "--delete"])
    assert "public/ab/999-320-abababababababab.jpg" not in stored_files(app)
    assert len(stored_files(app)) == 5
