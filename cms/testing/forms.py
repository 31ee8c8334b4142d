"""Submitting the site's own HTML forms through the Flask test client, the
way a browser would: the form's defaults (CSRF token, hidden fields, checked
boxes, selected options) are sent along with the values a test types in."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Form:
    action: str
    method: str
    values: dict[str, list[str]] = field(default_factory=dict)
    radios: dict[str, list[str]] = field(default_factory=dict)  # every choice of each radio group
    options: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (value, label) of each select
    textareas: list[str] = field(default_factory=list)

    def add(self, name: str, value: str) -> None:
        self.values.setdefault(name, []).append(value)


class _FormReader(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._text_name: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._option: tuple[str | None, bool] | None = None
        self._label: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = Form(urljoin(self.page_url, a.get("action") or self.page_url), a.get("method", "get").lower())
            self.forms.append(self._form)
        elif self._form is None or "name" not in a and tag != "option":
            return
        elif tag == "input":
            self._input(a)
        elif tag == "textarea":
            self._text_name, self._text = a["name"], []
            self._form.textareas.append(a["name"])
        elif tag == "select":
            self._select = a["name"]
            self._form.options[self._select] = []
        elif tag == "option" and self._select:
            self._option, self._label = (a.get("value"), "selected" in a), []

    def _input(self, a: dict[str, str]) -> None:
        assert self._form is not None  # handle_starttag calls this inside a form only
        kind = a.get("type", "text").lower()
        if kind in ("submit", "button", "image", "reset", "file"):
            return
        if kind == "radio":
            self._form.radios.setdefault(a["name"], []).append(a.get("value", "on"))
        if kind in ("checkbox", "radio") and "checked" not in a:
            return
        self._form.add(a["name"], a.get("value", "on" if kind in ("checkbox", "radio") else ""))

    def handle_data(self, data):
        if self._text_name:
            self._text.append(data)
        elif self._option is not None:
            self._label.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._text_name:
            text = "".join(self._text)
            self._form.add(self._text_name, text[2:] if text.startswith("\r\n") else text.removeprefix("\n"))
            self._text_name = None
        elif tag == "option" and self._option is not None:
            value, selected = self._option
            label = "".join(self._label).strip()
            self._form.options[self._select].append((label if value is None else value, label))
            if selected:
                self._form.add(self._select, label if value is None else value)
            self._option = None
        elif tag == "select" and self._select:
            choices = self._form.options[self._select]
            if self._select not in self._form.values and choices:
                self._form.add(self._select, choices[0][0])
            self._select = None


def read_forms(html: str, page_url: str) -> list[Form]:
    reader = _FormReader(page_url)
    reader.feed(html)
    return reader.forms


def _pick(forms: list[Form], url: str, form_action: str | None) -> Form:
    """The form posting to ``form_action`` (default: back to the page itself),
    else the first one that is not the layout's logout button."""
    posting = [f for f in forms if f.method == "post"]
    wanted = urlsplit(urljoin("http://localhost" + url, form_action or url)).path
    for candidates in ([f for f in posting if urlsplit(f.action).path == wanted],
                       [] if form_action else [f for f in posting if not f.action.endswith("/logout")]):
        if candidates:
            return candidates[0]
    raise AssertionError(f"no form to submit on {url}")


def submit(client, url: str, values: dict, files: dict | None = None, form_action: str | None = None,
           clear: tuple[str, ...] = ()):
    """Open ``url`` and submit its form with ``values`` over the form's own
    defaults; ``clear`` unticks checkboxes. Returns the response.

    Runs in an app context of its own: inside a test's pushed context, Flask
    would share ``g`` — and the CSRF token Flask-WTF keeps there — between
    the requests of different clients, as no real server does.
    """
    with client.application.app_context():
        page = client.get(url)
        assert page.status_code == 200, f"{url} answered {page.status_code}"
        form = _pick(read_forms(page.get_data(as_text=True), "http://localhost" + url), url, form_action)
        data = {name: list(v) for name, v in form.values.items() if name not in clear}
        for name, value in values.items():
            data[name] = value if isinstance(value, list) else [value]
        data.update(files or {})
        return client.post(urlsplit(form.action).path, data=data, content_type="multipart/form-data")
