"""The rich-text policy against hostile HTML: nothing that can run script,
load from elsewhere or restyle the page survives a save."""
import pytest

from cms.sanitize import sanitize_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<div onclick='alert(1)'>x</div>",
    "<a href='javascript:alert(1)'>x</a>",
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    "<a href=' javascript:alert(1)'>x</a>",
    "<a href='vbscript:msgbox(1)'>x</a>",
    "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
    "<img src='data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='>",
    "<svg onload=alert(1)><circle r=1></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
    "<iframe src='https://evil.example/'></iframe>",
    "<object data='x.swf'></object><embed src='x.swf'>",
    "<form action='https://evil.example/'><input name=a><button>go</button></form>",
    "<style>body{display:none}</style>",
    "<p style='background:url(javascript:alert(1))'>x</p>",
    "<img src=x style='width:expression(alert(1))'>",
    "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
    "<base href='https://evil.example/'>",
    "<link rel=stylesheet href='https://evil.example/x.css'>",
    "<!--<script>alert(1)</script>-->",
    "<noscript><p title='</noscript><img src=x onerror=alert(1)>'></noscript>",
    "<template><script>alert(1)</script></template>",
    "<img src=x srcset='javascript:alert(1)'>",
    "<p class='x\" onmouseover=alert(1)'>x</p>",
    "\"><script>alert(1)</script>",
]

FORBIDDEN = ("<script", "onerror", "onload", "onclick", "onmouseover", "javascript:", "vbscript:", "data:", "<svg",
             "<math", "<iframe", "<object", "<embed", "<form", "<input", "<style", "style=", "<meta", "<base",
             "<link", "<template", "srcset", "alert(1)")


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_is_neutralised(html):
    cleaned = sanitize_html(html).lower()
    for needle in FORBIDDEN:
        assert needle not in cleaned, f"{needle!r} survived in {cleaned!r}"


def test_script_and_style_go_with_their_content():
    assert sanitize_html("<p>a</p><script>var secret = 1;</script><style>p{}</style>") == "<p>a</p>"


def test_images_must_come_from_this_site():
    assert sanitize_html('<img src="https://tracker.example/p.gif">') == ""
    assert sanitize_html('<img src="//tracker.example/p.gif">') == ""
    assert sanitize_html('<img src="/media/a.png" alt="Ảnh">') == '<img src="/media/a.png" alt="Ảnh">'


def test_the_editors_own_markup_survives():
    html = (
        '<h2>Tiêu đề</h2><p class="ql-align-center"><strong>Đậm</strong> <em>nghiêng</em> <u>gạch</u></p>'
        '<ul><li>một</li></ul><ol><li>hai</li></ol><blockquote>trích</blockquote>'
        '<p><a href="https://dichvucong.example/" target="_blank">liên kết</a> <a href="mailto:a@b.example">thư</a></p>'
        '<figure><img src="/media/a.png" alt="Ảnh" width="10" height="5"><figcaption>Chú thích</figcaption></figure>'
        '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td colspan="2">B</td></tr></tbody></table>'
    )
    assert sanitize_html(html) == html


def test_plugins_cannot_widen_the_policy_to_scripts(app, monkeypatch):
    host = app.extensions["cms_plugins"]
    monkeypatch.setattr(host, "call", lambda name, **kw: [{"tags": ["script", "iframe"], "protocols": ["javascript"],
                                                          "attributes": {"a": ["onclick"]}}]
                        if name == "sanitizer_allowlist" else [])
    cleaned = sanitize_html("<script>x()</script><iframe src=/x></iframe><a href='javascript:x()' onclick='x()'>a</a>")
    assert cleaned == "<a>a</a>"
