"""What counts as a view, and counting it (called from the ``page_viewed`` hook)."""
from __future__ import annotations

from datetime import date

from flask import Request, Response
from flask_login import current_user

from . import clock, plugin
from .models import PATH_LENGTH
from .recorder import recorder
from .visitors import cookie_token, daily_token, give_cookie, is_bot, refuses_tracking, visitor_id


def countable(request: Request) -> bool:
    """Not a known bot, and not staff when staff's own views are excluded."""
    if is_bot(request.headers.get("User-Agent", "")):
        return False
    return not (current_user.is_authenticated and plugin.setting("exclude_staff"))


def _token(request: Request, day: date) -> tuple[str, bool]:
    """The visitor's token, and whether it came from their cookie."""
    token = cookie_token(request)
    if token is not None:
        return token, True
    return daily_token(request, recorder().salt(day)), False


def count_view(request: Request, response: Response) -> None:
    if not countable(request):
        return
    moment = clock.now()
    hour = clock.hour_start(moment)
    token, from_cookie = _token(request, hour.date())
    recorder().add_view(hour, request.path[:PATH_LENGTH], visitor_id(token), moment)
    if not from_cookie and not refuses_tracking(request):
        give_cookie(response, token)


def count_presence(request: Request) -> None:
    """An open page refreshing its widget keeps its reader "online"; not a view."""
    if countable(request):
        token, _from_cookie = _token(request, clock.today())
        recorder().see(visitor_id(token), clock.now())
