"""What a visitor sees: the home page, pages by path, drafts kept hidden,
scheduled pages appearing on time, breadcrumbs, sitemap and robots.txt."""
from __future__ import annotations

import pytest

from cms.extensions import db
from core_factories import hours_from_now, make_page


def text(response) -> str:
    return response.get_data(as_text=True)


def test_home_shows_the_home_page(client, users):
    make_page(users["editor"], "Chào mừng", is_home=True, body="<p>Lời chào của phường</p>")
    response = client.get("/")
    assert response.status_code == 200 and "Lời chào của phường" in text(response)
    assert client.get("/chao-mung").status_code == 302, "the home page lives at /"


def test_home_without_a_home_page_still_renders(client):
    response = client.get("/")
    assert response.status_code == 200 and "<h1" in text(response)


def test_a_nested_page_renders_with_breadcrumbs_and_menu(client, users):
    about = make_page(users["editor"], "Giới thiệu")
    history = make_page(users["editor"], "Lịch sử", parent=about, summary="Từ làng Sen đến phường")
    response = client.get("/gioi-thieu/lich-su")
    html = text(response)
    assert response.status_code == 200
    crumbs = html[html.index('class="breadcrumbs"'):html.index("</nav>", html.index('class="breadcrumbs"'))]
    assert 'href="/gioi-thieu"' in crumbs and 'aria-current="page">Lịch sử' in crumbs
    assert 'href="/gioi-thieu/lich-su" aria-current="page"' in html, "the menu marks the current page"
    assert "Từ làng Sen đến phường" in html
    assert client.get("/gioi-thieu/lich-su/").status_code == 301
    assert "Trong mục này" in text(client.get("/gioi-thieu")), "a section lists its children"
    assert history.path in text(client.get("/gioi-thieu"))


def test_drafts_are_invisible_to_visitors_but_previewable_by_staff(client, users, login):
    make_page(users["author"], "Dự thảo", status="draft", body="<p>Chưa công bố</p>")
    assert client.get("/du-thao").status_code == 404
    assert "Dự thảo" not in text(client.get("/")), "drafts stay out of the menu"
    login("author")
    preview = client.get("/du-thao")
    assert preview.status_code == 200
    assert "Bản xem trước" in text(preview) and "Chưa công bố" in text(preview)
    assert 'name="robots" content="noindex"' in text(preview)


def test_previews_stay_out_of_every_cache(client, users, login):
    make_page(users["author"], "Dự thảo", status="draft")
    make_page(users["editor"], "Trang chủ", is_home=True, status="draft")
    make_page(users["editor"], "Giới thiệu")
    login("author")
    assert client.get("/du-thao").headers["Cache-Control"] == "no-store"
    assert client.get("/").headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/gioi-thieu").headers.get("Cache-Control", "")


def test_a_draft_home_page_is_not_shown_to_visitors(client, users):
    make_page(users["editor"], "Trang chủ", is_home=True, status="draft", body="<p>Bí mật</p>")
    assert "Bí mật" not in text(client.get("/"))


def test_a_scheduled_page_appears_at_its_time_without_a_job(client, users, clock):
    page = make_page(users["editor"], "Lịch tiếp dân", status="scheduled", publish_at=hours_from_now(2))
    assert client.get("/lich-tiep-dan").status_code == 404
    assert "Lịch tiếp dân" not in text(client.get("/"))
    assert "lich-tiep-dan" not in text(client.get("/sitemap.xml"))
    clock.advance(hours=3)
    assert client.get("/lich-tiep-dan").status_code == 200
    assert "Lịch tiếp dân" in text(client.get("/"))
    assert "lich-tiep-dan" in text(client.get("/sitemap.xml"))
    assert page.is_visible(clock.now)


def test_pages_hidden_from_the_menu_are_still_reachable(client, users):
    make_page(users["editor"], "Điều khoản", show_in_menu=False)
    assert "Điều khoản" not in text(client.get("/"))
    assert client.get("/dieu-khoan").status_code == 200


def test_sitemap_lists_published_pages_only(client, users):
    make_page(users["editor"], "Trang chủ", is_home=True)
    make_page(users["editor"], "Liên hệ")
    make_page(users["editor"], "Nháp", status="draft")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    xml = text(response)
    assert "<loc>http://portal.test/</loc>" in xml and "<loc>http://portal.test/lien-he</loc>" in xml
    assert "nhap" not in xml and "trang-chu" not in xml


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    body = text(response)
    assert "Disallow: /admin/" in body and "Sitemap: http://portal.test/sitemap.xml" in body


def test_unknown_paths_get_the_themed_404(client):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in text(response) and 'class="site-header"' in text(response)


def test_json_clients_get_json_errors(client):
    response = client.get("/khong-co", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.get_json()["status"] == 404
    assert client.post("/robots.txt", headers={"Accept": "application/json"}).get_json()["status"] == 405


def test_server_errors_are_themed_and_roll_back(app, client, monkeypatch):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken(path):
        raise RuntimeError("boom")

    monkeypatch.setattr("cms.pages.views.page_by_path", broken)
    response = client.get("/bat-ky")
    assert response.status_code == 500 and "Lỗi máy chủ" in text(response)
    assert client.get("/bat-ky", headers={"Accept": "application/json"}).get_json()["status"] == 500


def test_page_layout_has_landmarks_and_a_skip_link(client, users):
    make_page(users["editor"], "Liên hệ", meta_description="Địa chỉ và điện thoại")
    html = text(client.get("/lien-he"))
    for needle in ('<html lang="vi"', 'class="skip-link" href="#main"', '<header class="site-header"',
                   '<nav class="site-nav"', '<main id="main"', '<footer class="site-footer"',
                   '<meta name="description" content="Địa chỉ và điện thoại">'):
        assert needle in html, needle
    assert "<script>" not in html and "style=" not in html, "the CSP allows no inline script or style"


def test_footer_and_name_come_from_settings(client):
    from cms.settings import save_site_settings

    save_site_settings({"site_name": "Cổng Thông tin Phường Thử", "footer": "Địa chỉ: Số 1 đường Thử"})
    db.session.commit()
    html = text(client.get("/"))
    assert "Cổng Thông tin Phường Thử" in html and "Địa chỉ: Số 1 đường Thử" in html


# -- query counts ---------------------------------------------------------------------------

def render_counts(client, count_queries, url: str) -> int:
    client.get(url)  # warm the per-worker caches
    with count_queries() as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.plugins()
@pytest.mark.cms_config({"PLUGIN_REFRESH_SECONDS": 60})
def test_rendering_costs_a_few_queries_whatever_the_menu_size(client, users, count_queries):
    make_page(users["editor"], "Trang chủ", is_home=True)
    about = make_page(users["editor"], "Giới thiệu")
    make_page(users["editor"], "Lịch sử", parent=about)
    small = {url: render_counts(client, count_queries, url) for url in ("/", "/gioi-thieu/lich-su")}
    for index in range(30):
        parent = make_page(users["editor"], f"Mục {index}")
        make_page(users["editor"], f"Mục con {index}", parent=parent)
    large = {url: render_counts(client, count_queries, url) for url in ("/", "/gioi-thieu/lich-su")}
    assert large == small, "the menu is one query, whatever its size"
    assert small["/"] <= 3 and small["/gioi-thieu/lich-su"] <= 5, small


@pytest.mark.cms_config({"MAX_CONTENT_LENGTH": 1000})
def test_oversized_requests_get_the_themed_413(client):
    response = client.post("/login", data={"username": "x" * 5000, "password": "y"})
    assert response.status_code == 413 and "quá lớn" in text(response)
    as_json = client.post("/login", data={"username": "x" * 5000}, headers={"Accept": "application/json"})
    assert as_json.status_code == 413 and as_json.get_json()["status"] == 413


@pytest.mark.cms_config({"RATELIMIT_ENABLED": True})
def test_rate_limited_requests_get_the_themed_429(client):
    statuses = [client.post("/login", data={"username": f"khach{i}", "password": "sai mật khẩu"}).status_code
                for i in range(21)]
    assert statuses[:20] == [401] * 20
    response = client.post("/login", data={"username": "khach", "password": "sai"})
    assert response.status_code == 429 and "Quá nhiều yêu cầu" in text(response)
