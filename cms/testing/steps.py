"""Small steps browser journeys share (part of :mod:`cms.testing`): a photo
to upload, the phone menu, slow uploads, progress bars."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

# Records every fraction a <progress> bar on the page shows, so a test can
# tell that progress was visible between "nothing" and "done".
WATCH_PROGRESS = """() => {
  window.__progressSeen = [];
  setInterval(() => {
    for (const bar of document.querySelectorAll('progress, [role=progressbar]')) {
      const max = Number(bar.max || bar.getAttribute('aria-valuemax') || 100);
      const value = Number(bar.value ?? bar.getAttribute('aria-valuenow'));
      if (bar.offsetParent !== null && !Number.isNaN(value)) window.__progressSeen.push(value / max);
    }
  }, 20);
}"""


def make_photo(path: Path, kind: str = "JPEG", size: tuple[int, int] = (800, 600), noise: bool = False) -> Path:
    """A small scene drawn with Pillow: a sky, a river and a sun. With
    ``noise`` the image barely compresses, so its upload takes a while."""
    width, height = size
    image = Image.new("RGB", size, (120, 180, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(40, 110, 150))
    draw.ellipse((width * 0.7, height * 0.1, width * 0.85, height * 0.1 + width * 0.15), fill=(250, 210, 60))
    if noise:
        image = Image.merge("RGB", [Image.effect_noise(size, 90).point(lambda v: v // 2 + c // 2)  # noqa: B023 (called at once)
                                    for c in (120, 160, 200)])
    image.save(path, kind, **({"quality": 95} if kind == "JPEG" else {}))
    return path


def open_menu(tab) -> None:
    """The phone layout folds the main menu behind a button."""
    toggle = tab.get_by_role("button", name="Danh mục")
    if toggle.is_visible():
        toggle.click()


def slow_uploads(tab, bytes_per_second: int) -> None:
    """Throttle the tab's uploads (Chromium only), so progress can be seen."""
    session = tab.context.new_cdp_session(tab)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": bytes_per_second,
    })
