from cms.plugin import Plugin

plugin = Plugin(name="plugin", title="plugin")
