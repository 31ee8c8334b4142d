"""SIPAS: citizen satisfaction surveys of public administrative services.

Collects answers on the portal, by QR code and kiosk at the counter, and from
paper forms entered by staff; reports the satisfaction index the way the
Ministry of Home Affairs' method computes it (see ``docs/sipas.md``). The
figures are the site's own survey, not the official national index.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from cms.plugin import Plugin, Setting

from .ratelimits import RATE_LIMIT_PATTERN

plugin = Plugin(
    name="sipas",
    title=_l("Khảo sát sự hài lòng (SIPAS)"),
    version="0.1.0",
    description=_l("Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với dịch vụ hành chính công: "
                   "biểu mẫu trực tuyến, mã QR, kiosk, nhập phiếu giấy và báo cáo chỉ số."),
    url_prefix="/sipas/",
    settings=(
        Setting("one_per_case", _l("Mỗi mã hồ sơ chỉ được đánh giá một lần"), bool, True,
                _l("Chỉ lưu giá trị băm có khóa của mã hồ sơ, không lưu chính mã hồ sơ.")),
        Setting("points_max", _l("Điểm tối đa của tiêu chí SIPAS trong bộ chỉ số cải cách hành chính"), float, 32.0,
                _l("Điểm quy đổi = chỉ số hài lòng × điểm tối đa, ví dụ 91,75% × 32 = 29,36."), min=0.01, max=1000),
        Setting("rate_limit", _l("Giới hạn gửi phiếu trực tuyến cho mỗi thiết bị"), str, "5 per minute; 30 per hour",
                _l("Ví dụ: 5 per minute; 30 per hour."), pattern=RATE_LIMIT_PATTERN, max=100),
        Setting("kiosk_rate_limit", _l("Giới hạn gửi phiếu của thiết bị kiosk đã cấp mã"), str, "30 per minute",
                _l("Một kiosk dùng chung cho nhiều người nên giới hạn cao hơn, tính theo từng thiết bị. Trang kiosk "
                   "mở trên thiết bị chưa được cấp mã (Điểm phục vụ › Thiết bị kiosk) theo giới hạn trực tuyến."),
                pattern=RATE_LIMIT_PATTERN, max=100),
        Setting("kiosk_idle_seconds", _l("Kiosk tự quay về phiếu mới sau (giây) không thao tác"), int, 90,
                min=15, max=900),
    ),
)
