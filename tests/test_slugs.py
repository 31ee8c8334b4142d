import pytest

from cms.slugs import make_slug, unique_slug


@pytest.mark.parametrize("title, slug", [
    ("Cải cách hành chính", "cai-cach-hanh-chinh"),
    ("Đường Đồng Khởi", "duong-dong-khoi"),
    ("Điều kiện tự nhiên", "dieu-kien-tu-nhien"),
    ("Ủy ban nhân dân phường", "uy-ban-nhan-dan-phuong"),
    ("Quy hoạch – Kế hoạch", "quy-hoach-ke-hoach"),
    ("Thông báo số 12/2024", "thong-bao-so-12-2024"),
    ("  Lịch   tiếp   công dân  ", "lich-tiep-cong-dan"),
    ("!!! ???", ""),
])
def test_vietnamese_titles_make_readable_ascii_slugs(title, slug):
    assert make_slug(title) == slug


def test_slugs_are_cut_at_a_word_boundary():
    slug = make_slug("Nâng cao chỉ số hài lòng của người dân " * 10, max_length=40)
    assert len(slug) <= 40 and not slug.endswith("-")


def test_unique_slug_counts_up_past_taken_ones():
    taken = {"lien-he", "lien-he-2"}
    assert unique_slug("lien-he", taken.__contains__) == "lien-he-3"
    assert unique_slug("gioi-thieu", taken.__contains__) == "gioi-thieu"
