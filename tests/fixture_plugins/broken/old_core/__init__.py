from cms.plugin import Plugin

plugin = Plugin(name="old_core", title="Lõi cũ", core="<0.1")
