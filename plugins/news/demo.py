"""Demo content for ``cms init --demo``: the categories and articles of
:mod:`.demo_data`, with cover and inline photos drawn by Pillow and
stored exactly like uploaded covers."""
from __future__ import annotations

import random
from datetime import timedelta

from markupsafe import escape
from PIL import Image, ImageColor, ImageDraw, ImageFont
from sqlalchemy import select

from cms.plugin import User, db, sanitize_html, utcnow

from . import images, plugin, services
from .demo_data import ARTICLES, CATEGORIES
from .models import Article, Category, Status

COVER_SIZE = (1200, 675)
PHOTO_SIZE = (1200, 800)
FONT_NAMES = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf")


def _font(size: int) -> ImageFont.ImageFont:
    for name in FONT_NAMES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, ImageColor.getrgb(bottom)),
                           Image.new("RGB", size, ImageColor.getrgb(top)), mask)


def draw_picture(size: tuple[int, int], colors: tuple[str, str], seed: int, label: str = "") -> Image.Image:
    """A river landscape in the article's colours: sky gradient, sun, hills,
    waves, and the category name in a band at the bottom."""
    width, height = size
    rng = random.Random(seed)
    image = _gradient(size, colors[0], colors[1])
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    sun_x, sun_r = rng.randint(width // 5, width * 4 // 5), rng.randint(60, 110)
    draw.ellipse((sun_x - sun_r, 90, sun_x + sun_r, 90 + 2 * sun_r), fill=(255, 244, 214, 170))
    for band in range(3):
        base = height * (55 + band * 12) // 100
        points = [(0, height)]
        for x in range(0, width + 60, 60):
            points.append((x, base + rng.randint(-25, 25)))
        points.append((width, height))
        draw.polygon(points, fill=(255, 255, 255, 45 + band * 25))
    for _ in range(rng.randint(3, 6)):
        x, w = rng.randint(0, width - 80), rng.randint(40, 90)
        top = height * 55 // 100 - rng.randint(40, 160)
        draw.rectangle((x, top, x + w, height * 55 // 100), fill=(0, 0, 0, 40))
    image = Image.alpha_composite(image.convert("RGBA"), layer)
    if label:
        _label(image, label)
    return image.convert("RGB")


def _label(image: Image.Image, text: str) -> None:
    draw = ImageDraw.Draw(image)
    font = _font(image.width // 26)
    band = image.height // 7
    draw.rectangle((0, image.height - band, image.width, image.height), fill=(110, 11, 11, 255))
    draw.text((image.width // 30, image.height - band // 2), text, font=font, fill=(242, 193, 78, 255), anchor="lm")


def _image_path(name: str) -> str:
    prefix = "/" + str(plugin.setting("url_prefix")).strip("/")
    return f"{prefix}/anh/{name}"


def _body(entry: dict, seed: int) -> str:
    paragraphs = [f"<p>{escape(text)}</p>" for text in entry["body"]]
    if entry.get("photo"):
        stem, width, height = images.store(draw_picture(PHOTO_SIZE, entry["colors"][::-1], seed + 1000))
        name = images.filename(stem, 800)
        caption = escape(entry["caption"]) + (f" (Ảnh: {escape(entry['credit'])})" if entry["credit"] else "")
        figure = (f'<figure><img src="{_image_path(name)}" alt="{escape(entry["caption"])}" '
                  f'width="800" height="{round(800 * height / width)}"><figcaption>{caption}</figcaption></figure>')
        paragraphs.insert(1, figure)
    return sanitize_html("\n".join(paragraphs))


def _categories() -> dict[str, Category]:
    made: dict[str, Category] = {}
    for position, (slug, name, parent, description) in enumerate(CATEGORIES):
        category = Category(slug=slug, name=name, description=description, position=position,
                            parent_id=made[parent].id if parent else None)
        db.session.add(category)
        db.session.flush()
        made[slug] = category
    return made


def _article(entry: dict, seed: int, category: Category, author: User | None) -> Article:
    now = utcnow().replace(second=0, microsecond=0)
    article = Article(title=entry["title"], summary=entry["summary"], byline=entry["byline"],
                      source=entry["source"], featured=entry.get("featured", False),
                      author_id=author.id if author else None)
    article.slug = services.free_slug(article.title)
    article.body = _body(entry, seed)
    article.categories = [category]
    article.tags = services.resolve_tags(entry["tags"])
    article.cover_stem, article.cover_width, article.cover_height = images.store(
        draw_picture(COVER_SIZE, entry["colors"], seed, category.name))
    article.cover_alt, article.cover_caption, article.cover_credit = entry["caption"], entry["caption"], entry["credit"]
    days = entry["days_ago"]
    if days is None:
        article.status = Status.DRAFT.value
    else:
        services.set_status(article, Status.PUBLISHED.value, now - timedelta(days=days, hours=seed % 7))
    article.search_text = services.search_text(article)
    return article


def _age(entry: dict) -> int:
    """Days since publication; drafts count as the newest. Loading oldest
    first makes ids follow the dates, as on a real site."""
    return entry["days_ago"] if entry["days_ago"] is not None else -1_000_000


def load() -> None:
    """Create the demo news once; a site that has articles is left alone."""
    if db.session.scalar(select(Article.id).limit(1)) is not None:
        return
    categories = _categories()
    author = db.session.scalar(select(User).where(User.role == "admin").order_by(User.id).limit(1))
    for seed, entry in sorted(enumerate(ARTICLES), key=lambda pair: -_age(pair[1])):
        db.session.add(_article(entry, seed, categories[entry["category"]], author))
        db.session.flush()
    db.session.commit()
