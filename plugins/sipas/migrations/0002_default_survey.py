"""default questionnaire, levels and fields

Installs the services questionnaire (five elements, sixteen statements,
optional profile questions and a suggestion box) as the default survey, the
two levels of local government since 1 July 2025 and common fields of
procedures. Written out here rather than imported, so that the data this
revision installs never changes after it was released.

Revision ID: 0002_default_survey
Revises: 0001_survey_tables
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0002_default_survey"
down_revision = "0001_survey_tables"
branch_labels = None
depends_on = None

SLUG = "dich-vu-hanh-chinh-cong"

LEVELS = ["Cấp tỉnh", "Cấp xã"]

FIELDS = [
    ("dat-dai", "Đất đai"),
    ("ho-tich", "Hộ tịch"),
    ("chung-thuc", "Chứng thực"),
    ("xay-dung", "Xây dựng"),
    ("kinh-doanh", "Đăng ký kinh doanh"),
    ("lao-dong-xa-hoi", "Lao động, người có công và xã hội"),
    ("khac", "Lĩnh vực khác"),
]

ELEMENTS = [
    ("A", "Tiếp cận dịch vụ hành chính công", [
        "Nơi tiếp nhận và trả kết quả có biển chỉ dẫn rõ ràng, dễ tìm.",
        "Nơi chờ có đủ chỗ ngồi và bàn để viết, hoàn thiện hồ sơ.",
        "Trang thiết bị (máy lấy số thứ tự, máy tính, máy tra cứu thông tin) đầy đủ và dễ sử dụng.",
    ]),
    ("B", "Thủ tục hành chính", [
        "Thủ tục hành chính được niêm yết công khai, đầy đủ và dễ đọc.",
        "Giấy tờ phải nộp đúng như quy định, không bị yêu cầu thêm giấy tờ khác.",
        "Phí, lệ phí phải nộp đúng mức quy định.",
        "Thời hạn giải quyết ghi trên giấy hẹn đúng như quy định.",
    ]),
    ("C", "Công chức trực tiếp giải quyết công việc", [
        "Công chức có thái độ lịch sự, tôn trọng người đến làm thủ tục.",
        "Công chức hướng dẫn rõ ràng, dễ hiểu; chỉ cần nghe một lần là hoàn thiện được hồ sơ.",
        "Công chức giải quyết hồ sơ đúng quy định.",
    ]),
    ("D", "Kết quả giải quyết thủ tục hành chính", [
        "Nhận được kết quả đúng hẹn.",
        "Kết quả đầy đủ, chính xác, không có sai sót.",
        "Hồ sơ được giải quyết công bằng, khách quan.",
    ]),
    ("E", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", [
        "Dễ dàng gửi góp ý, phản ánh, kiến nghị (hòm thư, điện thoại, cổng trực tuyến).",
        "Góp ý, phản ánh, kiến nghị được tiếp nhận và xử lý đúng quy định.",
        "Được thông báo kết quả xử lý góp ý, phản ánh, kiến nghị kịp thời.",
    ]),
]
OPTIONAL_ELEMENTS = {"E"}  # many people never sent feedback: blank or "don't know" is allowed

PROFILE = [
    ("gioi_tinh", "Giới tính", ["Nam", "Nữ"]),
    ("dan_toc", "Dân tộc", ["Kinh", "Dân tộc khác"]),
    ("do_tuoi", "Độ tuổi", ["Từ 18 đến 24", "Từ 25 đến 34", "Từ 35 đến 49", "Từ 50 đến 60", "Trên 60"]),
    ("hoc_van", "Trình độ học vấn", ["Tiểu học", "Trung học cơ sở", "Trung học phổ thông",
                                     "Trung cấp, cao đẳng", "Đại học", "Sau đại học"]),
    ("nghe_nghiep", "Nghề nghiệp", ["Đã nghỉ hưu", "Không đi làm", "Tự kinh doanh, làm nghề tự do",
                                    "Học sinh, sinh viên", "Làm việc ở khu vực tư nhân",
                                    "Làm việc ở khu vực nhà nước", "Khác"]),
    ("phien_ha", "Trong khi giải quyết hồ sơ, công chức có gây phiền hà, sách nhiễu hoặc gợi ý "
                 "nộp thêm tiền ngoài quy định không?", ["Không có", "Có, một vài lần", "Có, nhiều lần"]),
    ("so_lan_di_lai", "Ông/Bà đã phải đi lại bao nhiêu lần để giải quyết xong hồ sơ?",
     ["1 lần", "2 lần", "3 lần", "Từ 4 lần trở lên"]),
]

SUGGESTION = ("gop_y", "Ông/Bà có góp ý gì để cơ quan phục vụ tốt hơn?")

level_t = sa.table("sipas_level", sa.column("id", sa.Integer), sa.column("name", sa.String),
                   sa.column("position", sa.Integer))
field_t = sa.table("sipas_field", sa.column("code", sa.String), sa.column("name", sa.String),
                   sa.column("active", sa.Boolean), sa.column("position", sa.Integer))
survey_t = sa.table("sipas_survey", sa.column("id", sa.Integer), sa.column("slug", sa.String),
                    sa.column("title", sa.String), sa.column("intro", sa.Text), sa.column("is_default", sa.Boolean),
                    sa.column("is_open", sa.Boolean), sa.column("public_results", sa.Boolean),
                    sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime))
version_t = sa.table("sipas_version", sa.column("id", sa.Integer), sa.column("survey_id", sa.Integer),
                     sa.column("number", sa.Integer), sa.column("created_at", sa.DateTime))
element_t = sa.table("sipas_element", sa.column("id", sa.Integer), sa.column("version_id", sa.Integer),
                     sa.column("code", sa.String), sa.column("title", sa.String), sa.column("weight", sa.Float),
                     sa.column("position", sa.Integer))
question_t = sa.table("sipas_question", sa.column("version_id", sa.Integer), sa.column("element_id", sa.Integer),
                      sa.column("key", sa.String), sa.column("kind", sa.String), sa.column("text", sa.String),
                      sa.column("options", sa.JSON), sa.column("required", sa.Boolean),
                      sa.column("retired", sa.Boolean), sa.column("position", sa.Integer))


def _insert(bind, table, **values) -> int:
    return bind.execute(sa.insert(table).values(**values).returning(table.c.id)).scalar_one()


def _question(version_id, key, kind, text, position, element_id=None, options=(), required=False) -> dict:
    return {"version_id": version_id, "element_id": element_id, "key": key, "kind": kind, "text": text,
            "options": list(options), "required": required, "retired": False, "position": position}


def upgrade():
    bind = op.get_bind()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    op.bulk_insert(level_t, [{"name": name, "position": i} for i, name in enumerate(LEVELS, 1)])
    op.bulk_insert(field_t, [{"code": code, "name": name, "active": True, "position": i}
                             for i, (code, name) in enumerate(FIELDS, 1)])
    survey_id = _insert(
        bind, survey_t, slug=SLUG, title="Khảo sát sự hài lòng đối với dịch vụ hành chính công",
        intro="Ý kiến của Ông/Bà giúp cơ quan hành chính phục vụ người dân, tổ chức ngày càng tốt hơn. "
              "Phiếu khảo sát không ghi tên, chỉ mất khoảng hai phút.",
        is_default=True, is_open=True, public_results=False, created_at=now, updated_at=now)
    version_id = _insert(bind, version_t, survey_id=survey_id, number=1, created_at=now)
    questions = []
    for position, (code, title, statements) in enumerate(ELEMENTS):
        element_id = _insert(bind, element_t, version_id=version_id, code=code, title=title, weight=1.0,
                             position=position)
        questions += [_question(version_id, f"{code.lower()}{i}", "rating", text, i - 1, element_id,
                                required=code not in OPTIONAL_ELEMENTS)
                      for i, text in enumerate(statements, 1)]
    questions += [_question(version_id, key, "choice", text, i, options=options)
                  for i, (key, text, options) in enumerate(PROFILE)]
    questions.append(_question(version_id, SUGGESTION[0], "text", SUGGESTION[1], 0))
    op.bulk_insert(question_t, questions)


def downgrade():
    bind = op.get_bind()
    survey_id = bind.scalar(sa.select(survey_t.c.id).where(survey_t.c.slug == SLUG))
    if survey_id is not None:
        versions = sa.select(version_t.c.id).where(version_t.c.survey_id == survey_id)
        bind.execute(sa.delete(question_t).where(question_t.c.version_id.in_(versions)))
        bind.execute(sa.delete(element_t).where(element_t.c.version_id.in_(versions)))
        bind.execute(sa.delete(version_t).where(version_t.c.survey_id == survey_id))
        bind.execute(sa.delete(survey_t).where(survey_t.c.id == survey_id))
    bind.execute(sa.delete(field_t).where(field_t.c.code.in_([code for code, _ in FIELDS])))
    bind.execute(sa.delete(level_t).where(level_t.c.name.in_(LEVELS)))
