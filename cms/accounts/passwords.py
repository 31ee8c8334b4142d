"""Passwords: the policy a new one must pass, and hashing that costs the
same whether or not the account exists.

The policy follows NIST SP 800-63B rather than composition rules: a minimum
length, no single repeated character, not the username, and not a password
that attackers try first. "Tried first" is judged by zxcvbn, whose shipped
frequency lists (30,000 leaked passwords, common words and names) and
pattern matchers (keyboard runs, sequences, dates, l33t) estimate how many
guesses a password needs; the list stays in the package, not in this repo.
"""
from __future__ import annotations

from functools import cache
from secrets import token_hex

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
MIN_SCORE = 2
"""zxcvbn's score 0–4; below 2 means under about 10⁶ guesses (a leaked list
and its variants), which an offline attack on a stolen hash tries first."""
HINT = _l("Ít nhất 10 ký tự, không phải mật khẩu phổ biến, không chứa tên đăng nhập. "
          "Một câu dài dễ nhớ là tốt nhất.")
"""The description of every new-password field."""
SCORED_LENGTH = 72
"""zxcvbn refuses longer input; a password past this length is long enough."""


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` is refused for the account ``username``, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("Mật khẩu cần ít nhất %(n)d ký tự.", n=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _("Mật khẩu dài tối đa %(n)d ký tự.", n=MAX_PASSWORD_LENGTH)
    if len(set(password.casefold())) == 1:
        return _("Mật khẩu không được chỉ gồm một ký tự lặp lại.")
    if username and username.strip().casefold() in password.casefold():
        return _("Mật khẩu không được chứa tên đăng nhập.")
    if len(password) <= SCORED_LENGTH and zxcvbn(password, user_inputs=[username])["score"] < MIN_SCORE:
        return _("Mật khẩu này quá phổ biến hoặc dễ đoán (nằm trong danh sách mật khẩu hay bị lộ, "
                 "hoặc là dãy phím, dãy số, từ thông dụng). Hãy dùng một câu dài mà chỉ bạn biết.")
    return None


def hash_password(password: str) -> str:
    """The stored form of ``password``, with the configured
    ``PASSWORD_HASH_METHOD`` (scrypt; the test suite lowers its cost)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@cache
def _dummy_hash(method: str) -> str:
    """The hash of a random password nobody kept, made with ``method``:
    checking against it costs what a real check costs."""
    return generate_password_hash(token_hex(16), method=method)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check ``password`` against ``stored_hash``; with no hash (unknown or
    inactive account) check it against a dummy hash and return False, so
    both answers cost one hash and their timing does not tell which it was."""
    if stored_hash is None:
        check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return False
    return check_password_hash(stored_hash, password)
