from cms.plugin import Plugin

plugin = Plugin(name="users", title="users")
