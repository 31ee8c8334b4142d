"""Demo content: service points of a town after the 2025 reorganisation and
a few hundred responses over two years, getting better with time, so that
every report has something to show. Reproducible (fixed seed)."""
from __future__ import annotations

import random
from datetime import timedelta

from cms.plugin import db, local_now

from .models import CHOICE, RATING, TEXT, Level, Point
from .queries import current_version, default_survey, fields, levels, points
from .services.responses import Submission, save

RESPONSES = 420
DAYS = 730

POINTS = [
    ("trung-tam-tinh", "Trung tâm Phục vụ hành chính công tỉnh Bình Sen", "Cấp tỉnh", 0.04),
    ("phuong-sen-hong", "Điểm phục vụ hành chính công phường Sen Hồng", "Cấp xã", 0.02),
    ("phuong-ben-dinh", "Điểm phục vụ hành chính công phường Bến Đình", "Cấp xã", -0.03),
    ("xa-sen-thuong", "Điểm phục vụ hành chính công xã Sen Thượng", "Cấp xã", 0.0),
    ("xa-tan-hoa", "Điểm phục vụ hành chính công xã Tân Hòa", "Cấp xã", -0.06),
]

COMMENTS = [
    "Cán bộ hướng dẫn nhiệt tình, dễ hiểu.",
    "Nên bố trí thêm ghế ngồi chờ vào buổi sáng, nhiều người phải đứng.",
    "Máy lấy số thứ tự có lúc không hoạt động.",
    "Nhận kết quả đúng hẹn, tôi rất hài lòng.",
    "Đề nghị niêm yết mức phí, lệ phí rõ ràng hơn ở bảng thông tin.",
    "Cần hướng dẫn thêm cách nộp hồ sơ trực tuyến cho người lớn tuổi.",
    "Chỗ để xe chật, khó tìm chỗ.",
    "Công chức lịch sự, giải quyết nhanh gọn.",
    "Phải bổ sung giấy tờ hai lần vì lần đầu hướng dẫn chưa đủ.",
    "Nên có số điện thoại để hỏi tình trạng hồ sơ.",
]

CHANNEL_WEIGHTS = {"web": 3, "qr": 4, "kiosk": 2, "paper": 3}


def load() -> None:
    survey = default_survey()
    if survey is None or points():
        return  # no questionnaire, or the site already has its own points
    biased = _points()
    survey.public_results = True
    db.session.commit()
    version = current_version(survey)
    rng = random.Random(2025)
    today = local_now().date()
    field_list = fields(active_only=True)
    channels = list(CHANNEL_WEIGHTS)
    for _n in range(RESPONSES):
        age = rng.randrange(DAYS)
        point, bias = rng.choice(biased)
        # Satisfaction grows from about 70 % two years ago to about 90 % now.
        chance = 0.70 + 0.20 * (1 - age / DAYS) + bias
        answers = {q.id: _rating(rng, chance, q.required) for q in version.active(RATING)}
        answers = {qid: value for qid, value in answers.items() if value is not None}
        if rng.random() < 0.6:
            answers.update({q.id: rng.randint(1, len(q.options)) for q in version.active(CHOICE)
                            if rng.random() < 0.85})
        texts = {q.id: rng.choice(COMMENTS) for q in version.active(TEXT) if rng.random() < 0.2}
        save(Submission(survey=survey, version=version, point=point, field=rng.choice(field_list),
                        channel=rng.choices(channels, weights=list(CHANNEL_WEIGHTS.values()))[0],
                        answered_on=today - timedelta(days=age), answers=answers, texts=texts),
             one_per_case=False)


def _points() -> list[tuple[Point, float]]:
    tiers = {level.name: level for level in levels()}
    made = []
    for position, (code, name, tier, bias) in enumerate(POINTS):
        if tier not in tiers:
            tiers[tier] = Level(name=tier, position=len(tiers) + 1)
            db.session.add(tiers[tier])
            db.session.flush()
        point = Point(code=code, name=name, level_id=tiers[tier].id, position=position)
        db.session.add(point)
        made.append((point, bias))
    db.session.flush()
    return made


def _rating(rng: random.Random, chance: float, required: bool) -> int | None:
    """4 or 5 with probability ``chance``; optional statements are sometimes skipped."""
    if not required:
        roll = rng.random()
        if roll < 0.25:
            return None
        if roll < 0.35:
            return 0
    if rng.random() < chance:
        return rng.choice((4, 5, 5)) if chance > 0.85 else rng.choice((4, 4, 5))
    return rng.choice((1, 2, 3, 3, 3))
