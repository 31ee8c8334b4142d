"""A test plugin whose ``startup`` hook raises: the site starts without it."""
from cms.plugin import Plugin, hookimpl

plugin = Plugin(name="raises_at_startup", title="Hỏng khi khởi động")


@hookimpl
def startup(app):
    raise RuntimeError("broken on purpose at startup")
