from cms.plugin import Plugin, hookimpl

plugin = Plugin(name="unknown_hook", title="Hook sai tên")


@hookimpl
def widget():  # the hook is called `widgets`
    return []
