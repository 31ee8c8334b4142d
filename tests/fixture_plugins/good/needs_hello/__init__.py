"""A test plugin that requires ``hello``, laid out like the bundled plugins:
the declaration here, the hook implementations in :mod:`.hooks`."""
from cms.plugin import Plugin

plugin = Plugin(name="needs_hello", title="Cần Xin chào", requires=("hello>=1.0",))

#: The apps this plugin's ``startup`` hook was called for, in order.
STARTED: list = []
