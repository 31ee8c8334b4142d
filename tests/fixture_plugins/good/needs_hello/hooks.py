"""The hook implementations of ``needs_hello``, registered by the host."""
from markupsafe import Markup

from cms.plugin import Widget, hookimpl

from . import STARTED


@hookimpl
def startup(app):
    STARTED.append(app)


@hookimpl
def widgets():
    return [Widget("sidebar", "first", lambda: Markup('<p class="needs-hello">Đứng trước lời chào</p>'), order=10)]
