"""A plugin whose only migration creates a table, fills it, then raises."""
from markupsafe import Markup

from cms.plugin import Plugin, Widget, hookimpl

plugin = Plugin(name="fails_midway", title="Hỏng giữa chừng")


@hookimpl
def widgets():
    return [Widget("footer", "midway", lambda: Markup('<p class="fails-midway">Hỏng giữa chừng</p>'))]
