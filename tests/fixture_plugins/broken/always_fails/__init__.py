"""Its widget raises on every render: one fault per page, for the circuit breaker."""
from cms.plugin import Plugin, Widget, hookimpl

plugin = Plugin(name="always_fails", title="Luôn lỗi")

#: Renders attempted (a quarantined plugin's widget is not even tried).
RENDERS: list[int] = []


def _fail() -> str:
    RENDERS.append(1)
    raise RuntimeError("the always_fails widget failed on purpose")


@hookimpl
def widgets():
    return [Widget("footer", "fails", _fail)]
