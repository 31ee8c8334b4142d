"""CSV and Excel in the layout of a report a town office files: a title,
the period and scope, then one table per section. Both are written from the
same :class:`~.report.Report` as the dashboard, so the figures agree."""
from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from cms.plugin import local_now, safe_cell, safe_row

from .display import CHANNEL_LABELS, SCALE_LABELS
from .report import Report, rounded

MAX_COMMENTS = 10_000


def scope(report: Report) -> list[tuple[str, str]]:
    """The filters in words, for titles and exports."""
    f = report.filters
    everything = _("Tất cả")
    return [
        (_("Điểm phục vụ"), f.point.name if f.point else everything),
        (_("Cấp"), f.level.name if f.level else everything),
        (_("Lĩnh vực"), f.field.name if f.field else everything),
        (_("Kênh"), str(CHANNEL_LABELS[f.channel]) if f.channel else everything),
        (_("Phiên bản bảng hỏi"), str(f.version.number) if f.version else everything),
    ]


def _header(report: Report, site_name: str) -> list[list[Any]]:
    return [
        [site_name],
        [_("BÁO CÁO KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC")],
        [_("Khảo sát"), report.filters.survey.title],
        [_("Kỳ báo cáo"), report.filters.period.label],
        *([label, value] for label, value in scope(report)),
        [_("Số phiếu"), report.responses],
        [_("Chỉ số hài lòng chung (%)"), rounded(report.overall)],
        [_("Điểm quy đổi"), report.points, _("trên %(max)s điểm", max=f"{report.filters.points_max:g}")],
        [_("Ngày lập"), local_now().strftime("%d/%m/%Y")],
        [_("Lưu ý"), _("Kết quả khảo sát do đơn vị tự tổ chức, không phải Chỉ số SIPAS chính thức "
                       "do Bộ Nội vụ công bố.")],
    ]


def _sections(report: Report, comments: Iterable[tuple]) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(title, column headings, rows) of each table."""
    codes = report.element_codes
    return [
        (_("I. CHỈ SỐ HÀI LÒNG THEO YẾU TỐ"), [_("Mã"), _("Yếu tố"), _("Trọng số"), _("Chỉ số (%)")],
         [[e.code, e.title, e.weight, rounded(e.index)] for e in report.elements]
         + [["", _("Chỉ số hài lòng chung"), "", rounded(report.overall)]]),
        (_("II. CHỈ SỐ THEO NỘI DUNG ĐÁNH GIÁ"),
         [_("Mã"), _("Nội dung")] + [f"{v} – {label}" for v, label in SCALE_LABELS]
         + [_("Không biết"), _("Bỏ trống"), _("Hợp lệ"), _("Hài lòng (4–5)"), _("Chỉ số (%)")],
         [[s.label, s.text, *(s.counts[v] for v in range(1, 6)), s.counts[0], s.blank, s.valid, s.satisfied,
           rounded(s.index)] for e in report.elements for s in e.statements]),
        (_("III. XẾP HẠNG ĐIỂM PHỤC VỤ"), [_("Hạng"), _("Điểm phục vụ"), _("Cấp"), _("Số phiếu"), _("Chỉ số (%)"),
                                         *codes],
         [[r.rank, r.label, r.level, r.responses, rounded(r.index), *(rounded(r.elements[c]) for c in codes)]
          for r in report.ranking]),
        (_("IV. DIỄN BIẾN THEO KỲ"), [_("Kỳ"), _("Số phiếu"), _("Chỉ số (%)"), *codes],
         [[t.label, t.responses, rounded(t.index), *(rounded(t.elements[c]) for c in codes)] for t in report.trend]),
        (_("V. Ý KIẾN, GÓP Ý"), [_("Ngày"), _("Điểm phục vụ"), _("Nội dung")],
         [[day.strftime("%d/%m/%Y"), point, body] for day, point, body in comments]),
    ]


def to_csv(report: Report, comments: Iterable[tuple], site_name: str) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads the Vietnamese text.
    Every cell goes through ``safe_row``: a comment cannot become a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(safe_row(row) for row in _header(report, site_name))
    for title, headings, rows in _sections(report, comments):
        writer.writerows(safe_row(row) for row in [[], [title], headings, *rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WIDTHS = (8, 48, 14, 14, 14, 14, 14, 12, 12, 12, 14, 12)
STYLES = {
    "sipas-heading": {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="DDE7F0"), "border": BOX,
                      "alignment": Alignment(wrap_text=True, vertical="center")},
    "sipas-text": {"border": BOX, "alignment": Alignment(wrap_text=True, vertical="top")},
    "sipas-number": {"border": BOX, "alignment": Alignment(vertical="top"), "number_format": "0.00"},
    "sipas-cell": {"border": BOX, "alignment": Alignment(vertical="top")},
}


def _styles(book: Workbook) -> None:
    """Named styles: one assignment per cell instead of four (thousands of comments)."""
    for name, attributes in STYLES.items():
        style = NamedStyle(name=name)
        for attribute, value in attributes.items():
            setattr(style, attribute, value)
        book.add_named_style(style)


def to_xlsx(report: Report, comments: Iterable[tuple], site_name: str) -> bytes:
    book = Workbook()
    _styles(book)
    sheet = book.active
    sheet.title = _("Báo cáo")
    for row_number, row in enumerate(_header(report, site_name), 1):
        for column, value in enumerate(row, 1):
            _put(sheet, row_number, column, value)
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=8)
    row_number = sheet.max_row  # max_row scans every cell: count rows here instead
    for title, headings, rows in _sections(report, comments):
        row_number = _table(sheet, row_number, title, headings, rows)
    for index, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table(sheet: Any, row_number: int, title: str, headings: list[str], rows: list[list[Any]]) -> int:
    """Write one section after ``row_number``; return the last row written."""
    row_number += 2
    _put(sheet, row_number, 1, title).font = Font(bold=True)
    row_number += 1
    for column, heading in enumerate(headings, 1):
        _put(sheet, row_number, column, heading).style = "sipas-heading"
    for row in rows:
        row_number += 1
        for column, value in enumerate(row, 1):
            cell = _put(sheet, row_number, column, value)
            cell.style = ("sipas-number" if isinstance(value, float) else
                          "sipas-text" if isinstance(value, str) else "sipas-cell")
    return row_number


def _put(sheet: Any, row_number: int, column: int, value: Any) -> Any:
    """Write one cell: text through ``safe_cell`` and typed as a string,
    so that openpyxl never stores it as a formula."""
    cell = sheet.cell(row_number, column, safe_cell(value))
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
