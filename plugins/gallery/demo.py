"""Demo albums for ``cms init --demo``: river and festival scenes drawn with
Pillow (gradients and shapes), in several sizes and shapes; one photo is
stored sideways with an EXIF orientation tag, as phones do."""
from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from datetime import date

from PIL import Image, ImageDraw

from cms.plugin import db, utcnow

from . import services
from .models import Album
from .queries import album_by_slug

SUNRISE = ((255, 183, 120), (255, 228, 181), (74, 128, 166))
NOON = ((92, 160, 226), (196, 226, 247), (58, 112, 140))
DUSK = ((68, 50, 110), (246, 140, 90), (60, 70, 110))
NIGHT = ((10, 14, 40), (40, 36, 80), (16, 24, 52))


@dataclass(frozen=True)
class DemoPhoto:
    name: str
    size: tuple[int, int]
    palette: tuple
    features: tuple[str, ...]
    alt: str
    caption: str
    taken: str  # EXIF DateTimeOriginal
    sideways: bool = False


ALBUMS = (
    ("Bờ kè Tân Châu mùa nước nổi", "bo-ke-tan-chau-mua-nuoc-noi", date(2023, 10, 15),
     "Những ngày nước nổi trên sông Tiền: ghe xuồng tấp nập, nhà sàn ven sông và bờ kè lộng gió.\n\n"
     "Ảnh do phóng viên Trung tâm Văn hóa – Thông tin thị xã thực hiện.", "Minh Tâm", (
         DemoPhoto("binh-minh-tren-song.jpg", (2400, 1600), SUNRISE, ("sun", "hills", "boats"),
                   "Bình minh trên sông Tiền, ghe xuồng xuôi dòng dưới bầu trời cam nhạt",
                   "Bình minh trên sông Tiền đoạn chảy qua phường Long Thạnh.", "2023:10:15 05:48:10"),
         DemoPhoto("nha-san-ven-song.jpg", (1800, 1200), NOON, ("houses", "boats"),
                   "Dãy nhà sàn ven sông với mái đỏ, cột cao giữa mùa nước nổi",
                   "Nhà sàn ven sông mùa nước nổi.", "2023:10:15 10:20:00"),
         DemoPhoto("hang-cay-bo-ke.jpg", (1200, 1600), DUSK, ("sun", "trees"),
                   "Hàng cây trên bờ kè Tân Châu lúc hoàng hôn, mặt sông phản chiếu ánh tím",
                   "Hoàng hôn trên bờ kè.", "2023:10:15 17:35:42"),
         DemoPhoto("ghe-cho-hang.jpg", (1600, 1067), NOON, ("hills", "boats", "boats"),
                   "Ghe chở hàng nối đuôi nhau trên sông giữa trưa nắng",
                   "Ghe chở nông sản về chợ Tân Châu.", "2023:10:16 11:05:30", sideways=True),
     )),
    ("Đêm hội đèn lồng mừng Xuân", "dem-hoi-den-long-mung-xuan", date(2024, 2, 8),
     "Phố đèn lồng và bắn pháo hoa tầm thấp chào đón năm mới tại quảng trường thị xã.", "Ngọc Lan", (
         DemoPhoto("pho-den-long.jpg", (2000, 1333), NIGHT, ("houses", "lanterns"),
                   "Dây đèn lồng đỏ và vàng giăng ngang dãy phố về đêm",
                   "Phố đèn lồng trên đường Tôn Đức Thắng.", "2024:02:08 19:30:00"),
         DemoPhoto("phao-hoa.jpg", (1600, 1600), NIGHT, ("fireworks", "trees"),
                   "Pháo hoa nhiều màu nở trên bầu trời đêm phía trên hàng cây",
                   "Pháo hoa chào Xuân Giáp Thìn.", "2024:02:09 00:00:05"),
         DemoPhoto("cho-dem.jpg", (2400, 1350), DUSK, ("lanterns", "houses", "sun"),
                   "Các gian hàng chợ đêm dưới ánh đèn lồng lúc chạng vạng",
                   "Chợ đêm ngày hội.", "2024:02:08 18:10:12"),
     )),
)


def load() -> None:
    for title, slug, event_date, description, credit, photos in ALBUMS:
        if album_by_slug(slug, published_only=False) is not None:
            continue
        album = Album(title=title, slug=slug, event_date=event_date, description=description)
        db.session.add(album)
        db.session.commit()
        for index, spec in enumerate(photos):
            photo = services.add_photo(album, spec.name, _jpeg(spec, seed=index + len(slug)), credit)
            photo.alt, photo.caption, photo.published = spec.alt, spec.caption, True
            db.session.commit()
            services.process_photo(photo.id)
        album.published = True
        album.published_at = utcnow()
        services.refresh_cover(album)
        db.session.commit()


def _jpeg(spec: DemoPhoto, seed: int) -> bytes:
    image = draw_scene(spec.size, spec.palette, spec.features, random.Random(seed))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = spec.taken
    if spec.sideways:
        # Stored turned a quarter to the left; the tag says "turn it back".
        image = image.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88, exif=exif)
    return buffer.getvalue()


def draw_scene(size: tuple[int, int], palette: tuple, features: tuple[str, ...], rng: random.Random) -> Image.Image:
    width, height = size
    horizon = int(height * rng.uniform(0.5, 0.62))
    top, low, water = palette
    image = _gradient((width, horizon), top, low)
    image = _stack(image, _gradient((width, height - horizon), water, tuple(c // 2 for c in water)))
    draw = ImageDraw.Draw(image)
    for feature in features:
        DRAWERS[feature](draw, width, height, horizon, rng)
    _ripples(draw, width, height, horizon, rng)
    return image


def _gradient(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _stack(upper: Image.Image, lower: Image.Image) -> Image.Image:
    image = Image.new("RGB", (upper.width, upper.height + lower.height))
    image.paste(upper, (0, 0))
    image.paste(lower, (0, upper.height))
    return image


def _sun(draw, width, height, horizon, rng) -> None:
    r = int(min(width, height) * 0.07)
    x, y = int(width * rng.uniform(0.2, 0.8)), int(horizon * rng.uniform(0.35, 0.8))
    draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 236, 170))


def _hills(draw, width, height, horizon, rng) -> None:
    points, x = [(0, horizon)], 0
    while x < width:
        x += rng.randint(width // 12, width // 5)
        points.append((min(x, width), horizon - rng.randint(height // 30, height // 8)))
    points.append((width, horizon))
    draw.polygon(points, fill=(52, 96, 70))


def _boats(draw, width, height, horizon, rng) -> None:
    for _ in range(rng.randint(2, 4)):
        w = rng.randint(width // 10, width // 5)
        x, y = rng.randint(0, width - w), rng.randint(horizon + height // 20, height - height // 8)
        draw.polygon([(x, y), (x + w, y), (x + w * 0.85, y + w * 0.18), (x + w * 0.15, y + w * 0.18)], fill=(92, 52, 30))
        draw.rectangle((x + w * 0.3, y - w * 0.2, x + w * 0.65, y), fill=(70, 110, 150))


def _houses(draw, width, height, horizon, rng) -> None:
    x = 0
    while x < width:
        w = rng.randint(width // 12, width // 7)
        h = rng.randint(height // 10, height // 6)
        base = horizon + height // 40
        draw.rectangle((x, base - h, x + w, base), fill=(rng.randint(170, 230), rng.randint(150, 200), 140))
        draw.polygon([(x - w * 0.08, base - h), (x + w / 2, base - h - w * 0.35), (x + w * 1.08, base - h)], fill=(170, 50, 40))
        for pole in (x + w * 0.1, x + w * 0.9):
            draw.rectangle((pole - 3, base, pole + 3, base + height // 12), fill=(60, 40, 30))
        x += w + rng.randint(width // 60, width // 25)


def _trees(draw, width, height, horizon, rng) -> None:
    for _ in range(rng.randint(4, 8)):
        x, r = rng.randint(0, width), rng.randint(width // 30, width // 14)
        draw.rectangle((x - r // 6, horizon - r, x + r // 6, horizon + r // 3), fill=(70, 50, 35))
        draw.ellipse((x - r, horizon - 2.6 * r, x + r, horizon - 0.6 * r), fill=(34, rng.randint(90, 130), 60))


def _lanterns(draw, width, height, horizon, rng) -> None:
    for row in range(2):
        y0 = height * (0.12 + 0.14 * row)
        draw.line((0, y0, width, y0 + height * 0.05), fill=(30, 30, 30), width=3)
        step = width // rng.randint(8, 12)
        for x in range(step // 2, width, step):
            y = y0 + height * 0.05 * x / width
            r = step // 4
            draw.ellipse((x - r, y, x + r, y + r * 1.4), fill=rng.choice([(220, 40, 40), (250, 190, 40)]))


def _fireworks(draw, width, height, horizon, rng) -> None:
    for _ in range(rng.randint(3, 5)):
        cx, cy = rng.randint(width // 6, width * 5 // 6), rng.randint(height // 10, horizon // 2)
        colour = rng.choice([(255, 90, 90), (255, 220, 90), (120, 220, 255), (200, 120, 255)])
        for step in range(36):
            angle = step * 10 * math.pi / 180
            for distance in range(20, width // 9, width // 60):
                x = cx + distance * math.cos(angle)
                y = cy + distance * math.sin(angle)
                draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=colour)


def _ripples(draw, width, height, horizon, rng) -> None:
    for _ in range(height // 25):
        y = rng.randint(horizon + 4, height - 4)
        x = rng.randint(0, width)
        draw.line((x, y, x + rng.randint(width // 30, width // 8), y), fill=(230, 236, 240), width=2)


DRAWERS = {"sun": _sun, "hills": _hills, "boats": _boats, "houses": _houses, "trees": _trees,
           "lanterns": _lanterns, "fireworks": _fireworks}
