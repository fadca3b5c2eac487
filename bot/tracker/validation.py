"""Checks of what callers pass in; each failure is an Invalid naming the field."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TypeVar

from bot.tracker.errors import Invalid
from bot.tracker.values import LANGUAGES, TEXT_MAX

E = TypeVar("E", bound=StrEnum)

# GB 32100-2015: 18 characters from digits and capitals without I, O, S, V, Z.
CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")


def clean_text(value: str, *, field: str, limit: int) -> str:
    """The text stripped; empty or longer than `limit` characters is Invalid."""
    text = (value or "").strip()
    if not text:
        raise Invalid(f"The {field} must not be empty.", field=field)
    if len(text) > limit:
        raise Invalid(f"The {field} is longer than {limit} characters.", field=field, limit=limit)
    return text


def optional_text(value: str | None, *, field: str, limit: int = TEXT_MAX) -> str | None:
    """A reason that may be left out: None or blank is None; otherwise as `clean_text`."""
    if value is None or not value.strip():
        return None
    return clean_text(value, field=field, limit=limit)


def parse_enum(enum: type[E], value: E | str, *, field: str) -> E:
    """`value` as a member of `enum`; an unknown value is Invalid."""
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise Invalid(f"Unknown {field} {value!r}; use one of: {allowed}.", field=field) from None


def language_of(code: str | None) -> str | None:
    """'en' or 'zh' for a platform language code ('zh-hans', 'en-US', ...); None for any other."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else None


def parse_language(code: str | None) -> str | None:
    """Like language_of, but a language we do not speak is Invalid (None stays None: unset)."""
    language = language_of(code)
    if code and language is None:
        raise Invalid(f"Unknown language {code!r}; use en or zh.", field="language")
    return language


def parse_credit_code(code: str | None) -> str | None:
    if code is None or not code.strip():
        return None
    normal = code.strip().upper()
    if not CREDIT_CODE.fullmatch(normal):
        raise Invalid("A unified social credit code has 18 digits or capital letters.", field="credit_code")
    return normal


def display_name(name: str | None, user_id: int, limit: int) -> str:
    """A user's name as stored: never empty, cut to the column's length."""
    text = " ".join((name or "").split())
    return (text or str(user_id))[:limit]
