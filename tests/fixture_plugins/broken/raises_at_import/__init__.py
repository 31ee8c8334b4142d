from cms.plugin import Plugin

plugin = Plugin(name="raises_at_import", title="Lỗi khi nạp")

raise RuntimeError("broken on purpose at import")
