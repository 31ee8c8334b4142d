"""What `cms init` installs, the demo, the totals' rebuild command, and the
sidebar invitation."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from cms import create_app
from cms.plugin import db
from cms.testing import empty_database

from ..models import CHOICE, RATING, TEXT, Count, Level, Point, Response, Survey, Tally
from ..queries import current_version, default_survey, fields, levels
from ..tally import rebuild

pytestmark = pytest.mark.plugins("sipas")


@pytest.fixture
def fresh_site(cms_backend, tmp_path, monkeypatch):
    """A brand-new site, as `cms init` leaves it, on the backend under test."""
    monkeypatch.setenv("CMS_INSTANCE", str(tmp_path / "fresh"))
    with empty_database(cms_backend, tmp_path) as url:
        site = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url})
        with site.app_context():
            result = site.test_cli_runner().invoke(args=["cms", "init"])
            assert result.exit_code == 0, result.output
            yield site
            db.session.remove()
            db.engine.dispose()


def test_init_installs_the_default_questionnaire(fresh_site):
    survey = default_survey()
    assert survey.slug == "dich-vu-hanh-chinh-cong" and survey.is_open and survey.is_default
    version = current_version(survey)
    elements = sorted(version.elements, key=lambda e: e.position)
    assert [(e.code, e.weight) for e in elements] == [(code, 1.0) for code in "ABCDE"]
    assert [len(e.statements()) for e in elements] == [3, 4, 3, 3, 3]
    assert "Tiếp cận" in elements[0].title and elements[1].title == "Thủ tục hành chính"
    assert all(q.required for e in elements[:4] for q in e.statements())
    assert not any(q.required for q in elements[4].statements()), "feedback statements may be left out"
    profile = [q.key for q in version.active(CHOICE)]
    assert profile == ["gioi_tinh", "dan_toc", "do_tuoi", "hoc_van", "nghe_nghiep", "phien_ha", "so_lan_di_lai"]
    assert version.question("do_tuoi").options == ["Từ 18 đến 24", "Từ 25 đến 34", "Từ 35 đến 49", "Từ 50 đến 60",
                                                   "Trên 60"]
    assert [q.key for q in version.active(TEXT)] == ["gop_y"]
    assert len(version.active(RATING)) == 16
    assert [level.name for level in levels()] == ["Cấp tỉnh", "Cấp xã"], "two levels since 1 July 2025"
    assert {"dat-dai", "ho-tich", "xay-dung", "kinh-doanh"} <= {f.code for f in fields()}
    assert "Cấp huyện" not in {level.name for level in levels()}


def test_a_second_init_installs_nothing_twice(fresh_site):
    assert fresh_site.test_cli_runner().invoke(args=["cms", "init"]).exit_code == 0
    assert db.session.scalar(select(func.count(Survey.id))) == 1
    assert db.session.scalar(select(func.count(Level.id))) == 2


def test_the_fresh_form_asks_for_a_service_point_first(fresh_site):
    page = fresh_site.test_client().get("/sipas/").get_data(as_text=True)
    assert "Tiếp cận dịch vụ hành chính công" in page and "Giới tính" in page


@pytest.mark.slow  # writes two years of demo responses
def test_demo_creates_points_and_two_years_of_responses(fresh_site):
    result = fresh_site.test_cli_runner().invoke(args=["cms", "init", "--demo"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(Point.id))) == 5
    responses = db.session.scalar(select(func.count(Response.id)))
    assert 300 <= responses <= 500
    first, last = db.session.execute(select(func.min(Response.answered_on), func.max(Response.answered_on))).one()
    assert (last - first).days > 600
    assert set(db.session.scalars(select(Response.channel).distinct())) == {"web", "qr", "kiosk", "paper"}

    def totals():
        return (sorted(tuple(r) for r in db.session.execute(select(Tally.__table__))),
                sorted(tuple(r) for r in db.session.execute(select(Count.__table__))))

    before = totals()

    rebuild(default_survey().id)
    db.session.commit()
    assert totals() == before, "the running totals agree with the answers"
    page = fresh_site.test_client().get("/sipas/ket-qua/dich-vu-hanh-chinh-cong").get_data(as_text=True)
    assert "Xếp hạng điểm phục vụ" in page


def test_rebuild_command(runner, answered):
    db.session.execute(Tally.__table__.delete())
    db.session.commit()
    result = runner.invoke(args=["cms", "sipas", "rebuild-tally", "--survey", "khao-sat-thu"])
    assert result.exit_code == 0 and "Rebuilt the totals of khao-sat-thu." in result.output
    assert db.session.scalar(select(func.count()).select_from(Tally)) == 24
    assert runner.invoke(args=["cms", "sipas", "rebuild-tally", "--survey", "nowhere"]).exit_code != 0


def test_the_sidebar_invites_visitors_to_rate_a_service(client, sipas):
    page = client.get("/sipas/ket-qua/").get_data(as_text=True)
    assert '<section class="sipas-widget"' in page and 'href="/sipas/"' in page
    sipas.survey.is_open = False
    db.session.commit()
    assert "sipas-widget" not in client.get("/sipas/ket-qua/").get_data(as_text=True)


def test_the_public_pages_are_in_the_sitemap(client, answered):
    answered.survey.public_results = True
    db.session.commit()
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert "http://portal.test/sipas/" in sitemap and "http://portal.test/sipas/ket-qua/khao-sat-thu" in sitemap


def test_the_plugin_documentation_exists():
    doc = Path(__file__).resolve().parents[3] / "docs" / "sipas.md"
    text = doc.read_text(encoding="utf-8")
    for fact in ("1383/QĐ-BNV", "2640/QĐ-BNV", "979/QĐ-BNV", "1001/QĐ-BNV", "không phải"):
        assert fact in text
