"""The XSS corpus and the checks that a page showing it stayed inert, for
the core's and plugins' hostile-input tests (part of the :mod:`cms.testing`
pytest plugin).

``xss_tab``
    A browser tab that ignores the Content-Security-Policy (so an injection
    that survived would run) and tolerates images pointing anywhere.
``staff_client``
    A test client logged in as the admin through the real login form, posting
    with CSRF tokens.
``staff_tab``
    ``xss_tab`` logged in as the admin.
"""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from .fixtures import PASSWORD
from .forms import submit

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


@pytest.fixture
def xss_tab(open_page):
    return open_page(bypass_csp=True, report_missing_assets=False)


@pytest.fixture
def staff_client(app, users, live_server):
    """A test client logged in as the admin, posting with CSRF tokens."""
    client = app.test_client()
    response = submit(client, "/login", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def staff_tab(xss_tab, sign_in):
    sign_in(xss_tab, "admin")
    return xss_tab


def saved(response, what: str) -> None:
    if response.status_code not in (302, 303):
        html = response.get_data(as_text=True)
        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)</', html, flags=re.S)
        pytest.fail(f"{what} was refused ({response.status_code}): {[e.strip()[:200] for e in errors][:5]}")


def assert_inert(tab, paths) -> None:
    found = [finding for path in dict.fromkeys(paths) for finding in injections(tab, path)]
    assert not found, f"{len(found)} injection(s) survived:\n  " + "\n  ".join(found[:40])


def assert_shown_as_text(tab, path: str, vector: str) -> None:
    """Plain-text fields are escaped, not stripped: the visitor reads what was typed."""
    tab.goto(path)
    heading = " ".join(tab.locator("main h1").first.inner_text().split())
    assert heading == " ".join(vector.split()), f"{path} shows {heading!r} for {vector!r}"


def links_to(client, path: str, prefix: str) -> list[str]:
    """The distinct link targets starting with ``prefix`` on a page."""
    html = client.get(path).get_data(as_text=True)
    return sorted(set(re.findall(f'href="({re.escape(prefix)}[^"#?]*)"', html)))
