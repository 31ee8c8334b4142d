"""A plugin with a shortcode: ``[sharer anything]`` becomes a share link."""
from cms.plugin import Plugin, hookimpl

plugin = Plugin(name="sharer", title="Chia sẻ", shortcodes=("sharer",))


@hookimpl
def filter_content(html, context):
    return html.replace("[sharer facebook]", '<a class="sharer" href="#share">Chia sẻ</a>')
