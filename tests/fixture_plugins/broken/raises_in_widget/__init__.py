"""Its widgets and a hook raise; one widget leaves a failed SQL statement."""
from sqlalchemy import text

from cms.plugin import Plugin, Widget, db, hookimpl

plugin = Plugin(name="raises_in_widget", title="Lỗi trong khung")


def _divide() -> str:
    return str(1 / 0)


def _bad_sql() -> str:
    return str(db.session.execute(text("SELECT * FROM no_such_table_at_all")).all())


@hookimpl
def widgets():
    return [Widget("sidebar", "divide", _divide, order=1), Widget("sidebar", "sql", _bad_sql, order=2)]


@hookimpl
def extra_css_urls():
    raise LookupError("no stylesheet today")


@hookimpl
def filter_content(html, context):
    raise ValueError("cannot filter")
