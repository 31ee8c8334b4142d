from cms.plugin import Plugin

plugin = Plugin(name="lacks_dependency", title="Thiếu phụ thuộc", requires=("does_not_exist",))
