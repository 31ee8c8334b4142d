from cms.plugin import Plugin

plugin = Plugin(name="alpha_beta", title="alpha_beta")
