"""A test plugin that requires ``hello``."""
from markupsafe import Markup

from cms.plugin import Plugin, Widget, hookimpl

plugin = Plugin(name="needs_hello", title="Cần Xin chào", requires=("hello>=1.0",))


@hookimpl
def widgets():
    return [Widget("sidebar", "first", lambda: Markup('<p class="needs-hello">Đứng trước lời chào</p>'), order=10)]
