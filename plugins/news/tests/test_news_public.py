"""What a reader sees: listings, article pages, print view, pagination."""
from __future__ import annotations

import re

import pytest

from cms.plugin import User, db
from cms.testing import PASSWORD, save_plugin_settings

from .helpers import titles

pytestmark = pytest.mark.plugins("news")


def test_listing_shows_featured_first_then_newest(client, make_category, make_article):
    category = make_category("Tin tức - Sự kiện")
    make_article("Bài cũ", [category], ago=48)
    make_article("Bài nổi bật cũ", [category], ago=72, featured=True)
    make_article("Bài mới", [category], ago=1)
    html = client.get("/news/").get_data(as_text=True)
    assert titles(html) == ["Bài nổi bật cũ", "Bài mới", "Bài cũ"]


def test_drafts_and_future_articles_are_not_listed(client, make_category, make_article):
    category = make_category("Thông báo")
    make_article("Đã đăng", [category])
    make_article("Bản nháp", [category], status="draft")
    make_article("Hẹn giờ", [category], status="scheduled", ago=-5)
    html = client.get("/news/").get_data(as_text=True)
    assert titles(html) == ["Đã đăng"]
    assert client.get("/news/ban-nhap").status_code == 404
    assert client.get("/news/hen-gio").status_code == 404


def test_staff_can_preview_a_draft(client, login, make_category, make_article):
    make_article("Bản nháp", [make_category("Thông báo")], status="draft", ago=None)
    login("editor")
    response = client.get("/news/ban-nhap")
    assert response.status_code == 200
    assert "Bản xem trước" in response.get_data(as_text=True)


def test_only_the_author_editors_and_admins_preview_a_draft(client, users, login, make_category, make_article):
    other = User(username="author2", display_name="Author Two", role="author")
    other.set_password(PASSWORD)
    db.session.add(other)
    db.session.commit()
    category = make_category("Thông báo")
    make_article("Bản nháp", [category], status="draft", ago=None, author=users["author"])
    make_article("Đã đăng", [category])
    client.post("/login", data={"username": "author2", "password": PASSWORD})
    assert client.get("/news/ban-nhap").status_code == 404
    assert client.get("/news/in/ban-nhap").status_code == 404
    for role in ("author", "editor", "admin"):
        login(role)
        for url in ("/news/ban-nhap", "/news/in/ban-nhap"):
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            assert response.headers["Cache-Control"] == "no-store", "a preview stays out of every cache"
    assert "no-store" not in client.get("/news/da-dang").headers.get("Cache-Control", "")


def test_category_listing_includes_subcategories(client, make_category, make_article):
    parent = make_category("Cải cách hành chính")
    child = make_category("Phổ biến pháp luật", parent=parent)
    other = make_category("Văn hóa")
    make_article("Bài trong mục con", [child])
    make_article("Bài trong mục cha", [parent])
    make_article("Bài mục khác", [other])
    html = client.get("/news/danh-muc/cai-cach-hanh-chinh").get_data(as_text=True)
    assert sorted(titles(html)) == ["Bài trong mục cha", "Bài trong mục con"]
    assert "Phổ biến pháp luật" in html  # subcategory link
    child_html = client.get("/news/danh-muc/pho-bien-phap-luat").get_data(as_text=True)
    assert titles(child_html) == ["Bài trong mục con"]
    assert client.get("/news/danh-muc/khong-co").status_code == 404


def test_tag_listing(client, make_category, make_article):
    category = make_category("Tin tức")
    make_article("Có thẻ", [category], tags=["Cải cách hành chính"])
    make_article("Không thẻ", [category])
    html = client.get("/news/the/cai-cach-hanh-chinh").get_data(as_text=True)
    assert titles(html) == ["Có thẻ"]
    assert "Từ khoá: Cải cách hành chính" in html
    assert client.get("/news/the/khong-co").status_code == 404


def test_article_page_shows_what_the_reference_portal_shows(client, make_category, make_article):
    parent = make_category("Cải cách hành chính")
    child = make_category("Phổ biến giáo dục pháp luật", parent=parent)
    make_article("Bài cũ hơn", [child], ago=30)
    article = make_article("Nâng cao chỉ số hài lòng", [child], ago=20, byline="Thúy Hằng",
                           summary="Đoạn mở đầu.", body="<p>Thân bài.</p>", tags=["SIPAS"])
    make_article("Bài mới hơn", [child], ago=10)
    make_article("Bài mục khác", [make_category("Văn hóa")], ago=40)
    html = client.get(f"/news/{article.slug}").get_data(as_text=True)
    breadcrumb = html[html.index('class="breadcrumbs"'):html.index("</nav>", html.index('class="breadcrumbs"'))]
    assert breadcrumb.index("Cải cách hành chính") < breadcrumb.index("Phổ biến giáo dục pháp luật")
    assert "Ngày đăng" in html and "Tác giả" in html and "Thúy Hằng" in html
    assert 'class="font-size"' in html
    assert "Đoạn mở đầu." in html and "<p>Thân bài.</p>" in html
    assert 'href="/news/the/sipas"' in html
    prevnext = html[html.index('class="news-prevnext"'):]
    assert 'rel="next" href="/news/bai-moi-hon"' in prevnext
    assert 'rel="prev" href="/news/bai-cu-hon"' in prevnext
    related = html[html.index('class="news-related"'):]
    assert "Bài cũ hơn" in related and "Bài mục khác" not in related


def test_share_links_load_no_third_party_script(client, make_category, make_article):
    article = make_article("Chia sẻ", [make_category("Tin")])
    html = client.get(f"/news/{article.slug}").get_data(as_text=True)
    share = html[html.index('class="news-share"'):]
    assert "facebook.com/sharer/sharer.php?u=http%3A//portal.test/news/chia-se" in share
    assert "mailto:?subject=" in share
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts and all(src.startswith("/") for src in scripts)
    assert "<iframe" not in html


def test_print_view(client, make_category, make_article):
    article = make_article("Bài để in", [make_category("Tin")], byline="Ngọc Hân")
    response = client.get(f"/news/in/{article.slug}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bài để in" in html and "Ngọc Hân" in html and "http://portal.test/news/bai-de-in" in html
    assert 'class="site-nav' not in html and "news-related" not in html


@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=abc", "page=1.5", "page=99999999999999999999", "page=3",
                                   "page=%C2%B2", "page=%D9%A3"])
def test_pagination_edges_answer_404_not_500(client, make_category, make_article, query):
    save_plugin_settings("news", per_page=5)
    category = make_category("Tin")
    for number in range(7):
        make_article(f"Bài {number}", [category], ago=number + 1)
    assert client.get(f"/news/?{query}").status_code == 404
    assert client.get(f"/news/danh-muc/tin?{query}").status_code == 404


def test_pagination_pages(client, make_category, make_article):
    save_plugin_settings("news", per_page=5)
    category = make_category("Tin")
    for number in range(7):
        make_article(f"Bài {number}", [category], ago=number + 1)
    first = client.get("/news/").get_data(as_text=True)
    second = client.get("/news/?page=2").get_data(as_text=True)
    assert titles(first) == [f"Bài {n}" for n in range(5)]
    assert titles(second) == ["Bài 5", "Bài 6"]
    assert 'rel="next" href="/news/?page=2"' in first
    assert 'rel="prev" href="/news/"' in second


def test_empty_listing_is_a_page_not_an_error(client):
    response = client.get("/news/")
    assert response.status_code == 200
    assert "Chưa có bài viết nào." in response.get_data(as_text=True)


def test_sitemap_lists_published_articles_only(client, make_category, make_article):
    category = make_category("Tin")
    make_article("Đã đăng", [category])
    make_article("Nháp", [category], status="draft")
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    assert "http://portal.test/news/da-dang" in xml
    assert "/news/nhap" not in xml
    assert "http://portal.test/news/danh-muc/tin" in xml


def test_listing_of_twenty_runs_a_bounded_number_of_queries(client, make_category, make_article, count_queries):
    parents = [make_category(f"Mục {n}") for n in range(4)]
    for number in range(25):
        make_article(f"Bài {number}", [parents[number % 4], parents[(number + 1) % 4]], ago=number + 1,
                     tags=[f"thẻ {number}"])
    client.get("/news/")  # warm the settings cache
    with count_queries() as queries:
        response = client.get("/news/")
    assert response.status_code == 200
    assert len(titles(response.get_data(as_text=True))) == 20
    assert len(queries) <= 7, queries  # session, count, ids, rows, their categories, category tree, menu


def test_article_page_runs_a_bounded_number_of_queries(client, make_category, make_article, count_queries):
    parent = make_category("Mục cha")
    child = make_category("Mục con", parent=parent)
    for number in range(12):
        make_article(f"Bài {number}", [child, parent], ago=number + 1, tags=["a", "b", f"c{number}"])
    client.get("/news/bai-5")
    with count_queries() as queries:
        response = client.get("/news/bai-5")
    assert response.status_code == 200
    # session, article, its categories and tags, tree, related (2), older, newer, menu
    assert len(queries) <= 10, queries


def test_pages_cover_every_article_once_in_order(client, make_category, make_article):
    save_plugin_settings("news", per_page=5)
    category = make_category("Tin")
    made = [make_article(f"Bài {n:02d}", [category], ago=(n // 3) + 1, featured=n in (7, 19)) for n in range(23)]
    expected = [a.title for a in sorted(made, key=lambda a: (a.featured, a.publish_at, a.id), reverse=True)]
    for url in ("/news/", "/news/danh-muc/tin"):
        seen = []
        for number in range(1, 6):
            seen += titles(client.get(f"{url}?page={number}").get_data(as_text=True))
        assert seen == expected, url
