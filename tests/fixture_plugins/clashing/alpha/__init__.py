from cms.plugin import Plugin

plugin = Plugin(name="alpha", title="alpha")
