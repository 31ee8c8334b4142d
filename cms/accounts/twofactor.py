"""A second factor for staff: TOTP codes from an authenticator app
(RFC 6238, through pyotp), with one-time recovery codes for a lost phone.

Enrolment stores a fresh secret on the account; it counts only once the user
has typed a code from the app (``totp_enabled_at``). A code is accepted in
its 30-second window or the one before or after (clock drift), and never
twice: the step it was made for is kept, so a code seen over a shoulder or in
a log cannot be replayed. Recovery codes carry about 50 bits of randomness,
so a SHA-256 of each is enough to keep (no slow hash needed) and lets one be
found with one query.

The site setting ``require_second_factor`` sends editors and admins without
a second factor to enrolment after their password, before any staff page.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
import qrcode
import qrcode.image.svg
from sqlalchemy import delete, select

from ..audit import record
from ..extensions import db
from ..models import RecoveryCode, Role, User, utcnow
from .sessions import end_others
from ..settings import site_setting

RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
RECOVERY_CODE_LENGTH = 10
DRIFT_STEPS = 1


def required_for(user: User) -> bool:
    """Whether the site demands a second factor from ``user`` (editors, admins)."""
    return bool(site_setting("require_second_factor")) and user.has_role(Role.EDITOR)


def begin_enrolment(user: User) -> str:
    """A new secret for an account without a second factor yet; returns it."""
    if user.has_second_factor:
        raise ValueError("already enrolled")
    user.totp_secret = pyotp.random_base32()
    user.totp_last_step = None
    db.session.commit()
    return user.totp_secret


def provisioning_uri(user: User) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code
    (for a user whose enrolment has begun, so who has a secret)."""
    if not user.totp_secret:
        raise ValueError("provisioning_uri needs a secret: call begin_enrolment first")
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name=site_setting("site_name"))


def qr_svg(data: str) -> str:
    """``data`` as an inline SVG QR code: one path, no style attribute (the
    CSP forbids inline style) and nothing fetched from elsewhere."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(data)
    code.make(fit=True)
    text = code.make_image(image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")
    return text[text.index("<svg"):]


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def check_totp(user: User, code: str) -> bool:
    """Whether ``code`` is a current TOTP code of ``user`` not used before;
    a match is remembered (committed with the caller's change)."""
    code = _normalise(code)
    if not user.totp_secret or len(code) != 6 or not code.isdigit():
        return False
    totp = pyotp.TOTP(user.totp_secret)
    current = totp.timecode(time.time())
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return False
            user.totp_last_step = step
            return True
    return False


def _code_hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace ``user``'s recovery codes; the plain codes are returned once."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_code_hash(raw)))
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """Spend one unused recovery code of ``user`` (committed with the caller's change)."""
    row = db.session.scalar(select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _code_hash(code),
        RecoveryCode.used_at.is_(None)))
    if row is None:
        return False
    row.used_at = utcnow()
    record("login.recovery_code", user, user=user)
    return True


def check_second_factor(user: User, code: str) -> bool:
    """A TOTP code or, failing that, an unused recovery code."""
    return user.has_second_factor and (check_totp(user, code) or use_recovery_code(user, code))


def confirm_enrolment(user: User, code: str) -> list[str] | None:
    """Turn the second factor on when ``code`` matches the new secret;
    returns the recovery codes to show once, or None."""
    if user.has_second_factor or not check_totp(user, code):
        return None
    user.totp_enabled_at = utcnow()
    codes = new_recovery_codes(user)
    record("second_factor.enabled", user, user=user)
    db.session.commit()
    return codes


def renew_recovery_codes(user: User, code: str) -> list[str] | None:
    """New recovery codes in place of the old ones, for a current TOTP code;
    returns them to show once, or None."""
    if not user.has_second_factor or not check_totp(user, code):
        return None
    codes = new_recovery_codes(user)
    record("second_factor.recovery_codes_renewed", user, user=user)
    db.session.commit()
    return codes


def remaining_recovery_codes(user: User) -> int:
    return len(db.session.scalars(select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))).all())


def reset(user: User, actor: User) -> None:
    """An admin removes ``user``'s second factor (a lost phone): the user
    enrols again at next login, and their other open sessions end."""
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    end_others(user)
    record("user.second_factor_reset", user, user.username, user=actor)
    db.session.commit()
