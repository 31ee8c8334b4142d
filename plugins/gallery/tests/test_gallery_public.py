"""What citizens see: the album grid, an album with a responsive grid, each
photo's own page, the sidebar widget, the sitemap, and albums embedded in
pages and news articles with the ``[gallery slug]`` shortcode."""
from __future__ import annotations

import re
from datetime import date

import pytest

from cms.plugin import Page, db, sanitize_html
from cms.testing.forms import submit

from .. import services
from ..models import Photo
from .gallery_files import image_bytes


pytestmark = pytest.mark.plugins("gallery")


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def test_the_album_grid_lists_published_albums_only(client, make_album):
    make_album("dem-hoa-dang", photos=2, published=True, title="Đêm hoa đăng", event_date=date(2024, 2, 8))
    make_album("nhap", photos=1, title="Album nháp")
    page = html(client, "/gallery/")
    assert "Đêm hoa đăng" in page and "Album nháp" not in page
    assert "08/02/2024" in page and "2 ảnh" in page
    assert html(client, "/gallery/nhap/", 404)


def test_an_album_page_has_a_responsive_lazy_grid_of_links(client, make_album):
    album = make_album("tet", photos=3, published=True, title="Tết <Nguyên đán>")
    page = html(client, "/gallery/tet/")
    assert "Tết &lt;Nguyên đán&gt;" in page
    items = re.findall(r'<li class="gallery-item">(.*?)</li>', page, re.S)
    assert len(items) == 3
    first = items[0]
    photo = album.photos[0]
    assert f'href="/gallery/tet/{photo.id}"' in first and "data-lightbox-item" in first
    assert re.search(r'<source type="image/webp" srcset="[^"]+ 320w, [^"]+ 6\d\dw"', first)
    assert 'loading="lazy"' in first and 'width="320"' in first and 'height="240"' in first
    assert 'alt="Mô tả ảnh 0"' in first and "sizes=" in first


def test_photos_still_processing_show_a_placeholder(client, make_album):
    album = make_album("dang-xu-ly", published=True)
    photo = services.add_photo(album, "moi.jpg", image_bytes())
    photo.alt, photo.published = "Ảnh mới", True
    db.session.commit()
    page = html(client, "/gallery/dang-xu-ly/")
    assert "Đang xử lý…" in page and 'aria-label="Ảnh đang được xử lý"' in page
    assert f'href="/gallery/dang-xu-ly/{photo.id}"' in page


def test_each_photo_has_its_own_page_for_visitors_without_javascript(client, make_album):
    album = make_album("ghe-ngo", photos=3, published=True)
    first, second, third = album.photos
    second.credit = "Thúy Hằng"
    db.session.commit()
    page = html(client, f"/gallery/ghe-ngo/{second.id}")
    assert "Chú thích 1" in page and "Ảnh: Thúy Hằng" in page and "Ảnh 2 / 3" in page
    assert f'href="/gallery/ghe-ngo/{first.id}"' in page and f'href="/gallery/ghe-ngo/{third.id}"' in page
    assert 'alt="Mô tả ảnh 1"' in page
    assert html(client, f"/gallery/khac/{second.id}", 404)
    other = make_album("khac", photos=1, published=True)
    assert html(client, f"/gallery/khac/{second.id}", 404) and other


def test_unpublished_photos_and_albums_are_hidden_but_staff_can_preview(client, login, make_album):
    album = make_album("rieng", photos=2)
    hidden = album.photos[1]
    hidden.published = False
    album.published = True
    db.session.commit()
    assert html(client, f"/gallery/rieng/{hidden.id}", 404)
    assert "Mô tả ảnh 1" not in html(client, "/gallery/rieng/")
    album.published = False
    db.session.commit()
    html(client, "/gallery/rieng/", 404)
    login("author")
    assert "Bản xem trước" in html(client, "/gallery/rieng/")
    for url in ("/gallery/rieng/", f"/gallery/rieng/{hidden.id}"):
        assert client.get(url).headers["Cache-Control"] == "no-store", "a preview stays out of every cache"
    album.published = True
    db.session.commit()
    assert "no-store" not in client.get("/gallery/rieng/").headers.get("Cache-Control", "")


def test_the_album_page_query_count_does_not_grow_with_photos(client, make_album, count_queries):
    make_album("it", photos=2, published=True)
    make_album("nhieu", photos=12, published=True)
    html(client, "/gallery/it/")
    with count_queries() as few:
        html(client, "/gallery/it/")
    with count_queries() as many:
        html(client, "/gallery/nhieu/")
    assert len(many) == len(few)
    with count_queries() as listing:
        html(client, "/gallery/")
    assert len(listing) <= len(few) + 2


def test_pagination_of_the_album_grid(app, client, make_album):
    app.extensions["cms_plugins"].save_settings("gallery", {"albums_per_page": 6})
    db.session.commit()
    for number in range(8):
        make_album(f"album-{number}", photos=1, published=True, position=number)
    first, second = html(client, "/gallery/"), html(client, "/gallery/?page=2")
    assert "Album 0" in first and "Album 6" not in first and "Trang 1 / 2" in first
    assert "Album 6" in second and "Album 7" in second
    for bad in ("0", "3", "x", "-1", "%C2%B2", "99999999999999999999"):
        html(client, f"/gallery/?page={bad}", 404)


def test_the_sidebar_widget_shows_the_latest_album(client, make_album):
    make_album("cu", photos=1, published=True, title="Album cũ", event_date=date(2022, 1, 1))
    make_album("moi", photos=1, published=True, title="Album mới", event_date=date(2024, 5, 1))
    make_album("nhap", photos=1, title="Album nháp", event_date=date(2025, 1, 1))
    page = html(client, "/")
    widget = re.search(r'<section class="widget gallery-widget".*?</section>', page, re.S).group(0)
    assert "Album mới" in widget and "Album cũ" not in widget and "Album nháp" not in widget


def test_published_albums_are_in_the_sitemap(client, make_album):
    make_album("cong-khai", photos=1, published=True)
    make_album("bi-mat", photos=1)
    sitemap = html(client, "/sitemap.xml")
    assert "/gallery/cong-khai/" in sitemap and "bi-mat" not in sitemap


def test_the_shortcode_embeds_an_album_in_a_page(client, make_album):
    make_album("hoi-xuan", photos=3, published=True, title="Hội Xuân & <b>vui</b>")
    body = sanitize_html("<p>Trước.</p><p>[gallery hoi-xuan]</p><p>Sau [gallery khong-co] và <code>[gallery hoi-xuan]</code>.</p>"
                         '<p><a href="/x" title="[gallery hoi-xuan]">liên kết</a></p>')
    db.session.add(Page(title="Giới thiệu", slug="gioi-thieu", path="gioi-thieu", body=body, status="published"))
    db.session.commit()
    page = html(client, "/gioi-thieu")
    assert page.count('<figure class="gallery-embed">') == 1
    assert "<p><figure" not in page  # the paragraph around the shortcode is gone
    assert "Hội Xuân &amp; &lt;b&gt;vui&lt;/b&gt;" in page
    assert len(re.findall(r'<li class="gallery-item">', page)) == 3
    assert "[gallery khong-co]" not in page  # an unknown album leaves nothing
    assert "<code>[gallery hoi-xuan]</code>" in page and 'title="[gallery hoi-xuan]"' in page


def test_the_shortcode_stays_text_inside_attribute_values_holding_a_greater_than_sign(client, make_album):
    make_album("hoi-xuan", photos=1, published=True)
    body = sanitize_html('<p><a href="/x" title="a > [gallery hoi-xuan] b">liên kết</a>'
                         "<img alt='x>[gallery hoi-xuan]' src=\"/a.png\"></p>")
    db.session.add(Page(title="Giới thiệu", slug="gioi-thieu", path="gioi-thieu", body=body, status="published"))
    db.session.commit()
    page = html(client, "/gioi-thieu")
    assert "gallery-embed" not in page
    assert 'title="a &gt; [gallery hoi-xuan] b"' in page or 'title="a > [gallery hoi-xuan] b"' in page


def test_the_embed_shows_a_limited_number_of_photos_with_a_link_to_all(app, client, make_album):
    app.extensions["cms_plugins"].save_settings("gallery", {"embed_limit": 2})
    db.session.commit()
    make_album("lon", photos=5, published=True)
    db.session.add(Page(title="Trang", slug="trang", path="trang", body="<p>[gallery lon]</p>", status="published"))
    db.session.commit()
    page = html(client, "/trang")
    assert len(re.findall(r'<li class="gallery-item">', page)) == 2 and "Xem tất cả 5 ảnh" in page


@pytest.mark.plugins("gallery", "news")
def test_the_shortcode_embeds_an_album_in_a_news_article(client, login, make_album):
    """The article is written through the news plugin's own form, as an editor would."""
    make_album("khanh-thanh", photos=2, published=True, title="Khánh thành cầu")
    login("admin")
    assert submit(client, "/admin/news/categories", {"name": "Sự kiện", "slug": "su-kien"}).status_code == 302
    category = re.search(r'name="categories" value="(\d+)"', html(client, "/admin/news/new")).group(1)
    saved = submit(client, "/admin/news/new", {
        "title": "Khánh thành cầu Tân An", "slug": "khanh-thanh-cau-tan-an", "status": "published",
        "categories": category, "body": "<p>Sáng nay, cầu được khánh thành.</p><p>[gallery khanh-thanh]</p>"})
    assert saved.status_code == 302, "the article was refused"
    page = html(client, "/news/khanh-thanh-cau-tan-an")
    assert '<figure class="gallery-embed">' in page and "Khánh thành cầu" in page
    assert len(re.findall(r'<li class="gallery-item">', page)) == 2


def test_disabling_the_plugin_hides_everything(app, client, make_album):
    make_album("an", photos=1, published=True)
    db.session.add(Page(title="Trang", slug="trang", path="trang", body="<p>[gallery an]</p>", status="published"))
    db.session.commit()
    key = db.session.query(Photo).first().renditions["thumb"]["jpeg"].removeprefix("public/")
    app.extensions["cms_plugins"].set_enabled("gallery", False)
    assert client.get("/gallery/").status_code == 404
    assert client.get("/gallery/_media/" + key).status_code == 404
    page = html(client, "/trang")
    assert "gallery-embed" not in page and "gallery-widget" not in page
