"""The XSS corpus and the checks that a page showing it stayed inert."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image

CORPUS = Path(__file__).resolve().parent / "xss_vectors.txt"

# What an injected payload would leave in the document even when it did not
# get to run: event-handler attributes, script-bearing URLs, elements that
# load or run code, and the flag the payloads set.
FIND_INJECTIONS = """() => {
  const found = [];
  const scriptish = /^(javascript|vbscript|data:text\\/html|data:text\\/javascript)/;
  const bare = value => value.replace(/[\\u0000-\\u0020]+/g, '').toLowerCase();
  for (const el of document.querySelectorAll('*')) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`<${el.localName} ${name}=…>`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background', 'poster'].includes(name)
          && scriptish.test(bare(attr.value))) found.push(`<${el.localName} ${name}="${attr.value.slice(0, 60)}">`);
      if (name === 'srcdoc') found.push(`<${el.localName} srcdoc>`);
      if (name === 'style' && /expression|javascript|url\\(/i.test(attr.value)) found.push(`<${el.localName} style="${attr.value.slice(0, 60)}">`);
    }
  }
  for (const el of document.querySelectorAll('iframe, object, embed, base, frame, frameset, meta[http-equiv=refresh i]')) {
    found.push(`<${el.localName}> element`);
  }
  for (const el of document.querySelectorAll('script')) {
    const own = el.src && new URL(el.src, location.href).origin === location.origin;
    if (!own || el.textContent.trim()) found.push(`<script> ${el.src || el.textContent.slice(0, 60)}`);
  }
  for (const el of document.querySelectorAll('body style, svg style')) found.push('<style> element in the body');
  if (window.__xss !== undefined) found.push('an injected script ran: window.__xss is set');
  return found;
}"""


def vectors() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


def tiny_jpeg(shade: int = 90) -> bytes:
    data = BytesIO()
    Image.new("RGB", (240, 160), (shade, 140, 110)).save(data, "JPEG")
    return data.getvalue()


def injections(tab, path: str) -> list[str]:
    """Load ``path`` and report what an injection left on it."""
    response = tab.goto(path, wait_until="load")
    assert response is not None and response.status < 500, f"{path} answered {response and response.status}"
    return [f"{path}: {finding}" for finding in tab.evaluate(FIND_INJECTIONS)]
