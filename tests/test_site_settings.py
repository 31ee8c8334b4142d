"""Site settings in the admin: name, logo, footer, language, timezone."""
from __future__ import annotations

import io

from PIL import Image

from cms.settings import site_settings


def settings_form(**changes) -> dict:
    data = {"site_name": "Cổng Thông tin Phường Sen Hồng", "tagline": "Phục vụ nhân dân", "logo": "",
            "footer": "Địa chỉ: Số 1 đường Hoa Sen", "language": "vi", "timezone": "Asia/Ho_Chi_Minh"}
    data.update(changes)
    return data


def test_admin_saves_settings_and_the_site_shows_them(client, login):
    login("admin")
    assert client.get("/admin/settings").status_code == 200
    assert client.post("/admin/settings", data=settings_form()).status_code == 302
    html = client.get("/").get_data(as_text=True)
    assert "Cổng Thông tin Phường Sen Hồng" in html and "Phục vụ nhân dân" in html and "Số 1 đường Hoa Sen" in html
    assert "settings.updated" in client.get("/admin/audit/").get_data(as_text=True)


def test_invalid_settings_are_refused_and_nothing_is_saved(client, login):
    login("admin")
    before = site_settings()
    for changes, message in (({"timezone": "Mars/Olympus"}, "Múi giờ không hợp lệ."),
                             ({"site_name": ""}, "Tên trang web không được để trống"),
                             ({"language": "fr"}, "Ngôn ngữ không hợp lệ."),
                             ({"logo": "https://cdn.example/logo.png"}, "Chỉ dùng ảnh nằm trên chính trang web"),
                             ({"logo": "/x\" onerror=\"alert(1)"}, "Chỉ dùng ảnh nằm trên chính trang web")):
        response = client.post("/admin/settings", data=settings_form(**changes))
        assert response.status_code == 400 and message in response.get_data(as_text=True), message
    assert site_settings() == before


def test_timezone_changes_how_times_are_shown(client, login, users):
    from core_factories import make_page

    make_page(users["editor"], "Giờ", publish_at=None)
    login("admin")
    client.post("/admin/settings", data=settings_form(timezone="Europe/London"))
    from cms.timeutil import site_zone

    assert str(site_zone()) == "Europe/London"


def test_a_logo_can_be_uploaded(client, login):
    login("admin")
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (166, 27, 27)).save(out, "PNG")
    data = settings_form()
    data["logo_file"] = (io.BytesIO(out.getvalue()), "logo.png")
    assert client.post("/admin/settings", data=data, content_type="multipart/form-data").status_code == 302
    logo = site_settings()["logo"]
    assert logo.startswith("/media/") and client.get(logo).status_code == 200
    assert f'src="{logo}"' in client.get("/").get_data(as_text=True)
    bad = settings_form()
    bad["logo_file"] = (io.BytesIO(b"<svg/>"), "logo.svg")
    response = client.post("/admin/settings", data=bad, content_type="multipart/form-data")
    assert response.status_code == 400 and "không phải là ảnh hợp lệ" in response.get_data(as_text=True)
    assert site_settings()["logo"] == logo
