"""Two widgets that take half a second: one rendered each time, one cacheable.

They take that long on the clock the test gives in ``CLOCK`` (a fake one the
host measures with too); without one they return at once, so that other
tests loading every broken plugin do not wait.
"""
from cms.plugin import Plugin, Widget, hookimpl

plugin = Plugin(name="slow_widget", title="Khung chậm")

SECONDS = 0.5
CLOCK = None
RENDERS: dict[str, int] = {"slow": 0, "cached": 0}


def _render(name: str) -> str:
    RENDERS[name] += 1
    if CLOCK is not None:
        CLOCK.advance(SECONDS)
    return f"[{name} widget #{RENDERS[name]}]"


@hookimpl
def widgets():
    return [Widget("footer", "slow", lambda: _render("slow")),
            Widget("footer", "cached", lambda: _render("cached"), cache_seconds=60)]
