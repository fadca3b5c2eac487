"""Users of other channels than Telegram, the channel each user uses, and linking one person's two channels.

A Telegram user's desk id is their Telegram id. A WeCom member (a string UserID) gets a desk id of its own
on first contact, from WECOM_ID_BASE up: Telegram promises that user and chat ids fit in 52 bits (they are
meant to fit a double), group chats are negative, so no Telegram id ever reaches 2**53.

`/link` gives a one-time code (only its hash is kept); `/link CODE` from the person's other channel makes
the WeCom identity point at the Telegram user, and what the WeCom-only user had moves with it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import col, delete, select, update

from bot.tracker.errors import LinkRefused
from bot.tracker.models import (
    Attachment,
    ChannelIdentity,
    ChatState,
    Item,
    ItemEvent,
    LinkCode,
    NumberedChoice,
    Recordation,
    User,
)
from bot.tracker.unit import Unit
from bot.tracker.validation import display_name
from bot.tracker.values import LINK_VALID_MINUTES, NAME_MAX, STAFF, Role

TELEGRAM, WECOM = "telegram", "wecom"
CHANNELS = (TELEGRAM, WECOM)
WECOM_ID_BASE = 2**53
LINK_VALID = timedelta(minutes=LINK_VALID_MINUTES)
# No 0/O, 1/I/L: read off one screen, typed on another.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8: about 8.5e11 codes; one is live for ten minutes


@dataclass(frozen=True)
class Member:
    """A channel's member as the desk knows them: the desk user id, their name, and whether new."""

    user_id: int
    name: str
    new: bool


def known_member(unit: Unit, *, channel: str, external_id: str) -> Member | None:
    """The desk user of this channel's member; None when the member is new."""
    found = _identity(unit, channel, external_id)
    if found is None:
        return None
    user = unit.session.get(User, found.user_id)
    assert user is not None
    return Member(found.user_id, user.name, False)


def member(unit: Unit, *, channel: str, external_id: str, name: str, language: str) -> Member:
    """The desk user of this channel's member, created (an enterprise, in `language`) when new."""
    found = known_member(unit, channel=channel, external_id=external_id)
    if found is not None:
        return found
    user_id = _new_user(unit, name, language, channel)
    # A member writing twice at once through two replicas: the unique key refuses the second identity.
    unit.session.add(ChannelIdentity(channel=channel, external_id=external_id, user_id=user_id, created_at=unit.now))
    unit.session.flush()
    user = unit.session.get(User, user_id)
    assert user is not None
    return Member(user_id, user.name, True)


def _new_user(unit: Unit, name: str, language: str, channel: str) -> int:
    """A fresh desk user from WECOM_ID_BASE up: the next free id (another replica taking it first: the next)."""
    highest = unit.session.exec(select(func.max(User.id)).where(col(User.id) >= WECOM_ID_BASE)).one()
    user_id = max(WECOM_ID_BASE, int(highest or 0)) + 1
    while True:
        values = {"id": user_id, "name": display_name(name, user_id, NAME_MAX), "language": language,
                  "role": Role.ENTERPRISE.value, "channel": channel}
        made = unit.session.exec(
            unit.insert(User).values(**values).on_conflict_do_nothing(index_elements=["id"]).returning(col(User.id))
        )
        if made.first() is not None:
            return user_id
        user_id += 1


def external_id(unit: Unit, *, channel: str, user_id: int) -> str | None:
    """The member id in `channel` of a desk user (the oldest, when several were linked); None when none."""
    query = (
        select(ChannelIdentity.external_id)
        .where(ChannelIdentity.channel == channel, ChannelIdentity.user_id == user_id)
        .order_by(col(ChannelIdentity.id))
    )
    return unit.session.exec(query).first()


def use_channel(unit: Unit, *, user_id: int, channel: str) -> None:
    """Remember the channel the user wrote from last: their notices go there from now on."""
    user = unit.session.get(User, user_id)
    if user is not None and user.channel != channel:
        user.channel = channel


def channel_of(unit: Unit, chat_id: int) -> str:
    """The channel a notice to `chat_id` goes by: the officers' chat's, else the user's channel in use."""
    if chat_id == unit.officer_chat_id:
        return unit.officer_channel
    user = unit.session.get(User, chat_id)
    return user.channel if user is not None else TELEGRAM


def new_link_code(unit: Unit, *, user_id: int, channel: str) -> str:
    """A fresh one-time code for the user (an older one of theirs stops working)."""
    unit.session.exec(delete(LinkCode).where(col(LinkCode.user_id) == user_id))
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    expires = unit.now + LINK_VALID
    unit.session.add(LinkCode(code_hash=_hash(code), user_id=user_id, channel=channel, expires_at=expires))
    return code


def link(unit: Unit, *, user_id: int, channel: str, code: str) -> int:
    """Link the user writing in `channel` with the one who made `code` in the other; the desk id kept."""
    row = unit.session.get(LinkCode, _hash(code.strip().upper()))
    if row is None or _aware(row.expires_at) <= unit.now:
        raise LinkRefused("bad_code")
    if row.channel == channel:
        raise LinkRefused("same_channel")
    telegram_id, wecom_id = (row.user_id, user_id) if row.channel == TELEGRAM else (user_id, row.user_id)
    if telegram_id == wecom_id or wecom_id < WECOM_ID_BASE:
        raise LinkRefused("already")
    kept, merged = unit.session.get(User, telegram_id), unit.session.get(User, wecom_id)
    assert kept is not None and merged is not None
    _check_merge(kept, merged)
    _move(unit, merged, kept)
    unit.session.delete(row)
    kept.channel = channel  # the person wrote last from here
    return telegram_id


def _check_merge(kept: User, merged: User) -> None:
    """Refused when the WeCom-only user holds a role of its own other than the kept user's, or belongs to
    another enterprise: merging would drop one of them."""
    if merged.role != kept.role and merged.role in STAFF:
        raise LinkRefused("roles_differ", first=kept.role, second=merged.role)
    if merged.enterprise_id is not None and kept.enterprise_id not in (None, merged.enterprise_id):
        raise LinkRefused("would_lose")


def _move(unit: Unit, merged: User, kept: User) -> None:
    """Everything of `merged` becomes `kept`'s: its identities, items, their history, files, recordations."""
    assert merged.id is not None and kept.id is not None
    old, new = merged.id, kept.id
    moves: tuple[tuple[Any, str], ...] = (
        (Item, "owner_id"), (Item, "assignee_id"), (ItemEvent, "actor_id"), (Attachment, "owner_id"),
        (Recordation, "owner_id"),
    )
    for table, name in moves:
        unit.session.exec(update(table).where(getattr(table, name) == old).values({name: new}))
    unit.session.exec(update(ChannelIdentity).where(col(ChannelIdentity.user_id) == old).values(user_id=new))
    unit.session.exec(delete(ChatState).where(col(ChatState.chat_id) == old))
    unit.session.exec(delete(NumberedChoice).where(col(NumberedChoice.user_id) == old))
    if kept.enterprise_id is None:
        kept.enterprise_id = merged.enterprise_id
    if kept.role == Role.ENTERPRISE.value and merged.role in STAFF:
        kept.role = merged.role


def numbered_choices(unit: Unit, *, user_id: int) -> list[tuple[str, str]]:
    """The (label, data) of the buttons last numbered for the user, in order; [] when none are."""
    row = unit.session.get(NumberedChoice, user_id)
    if row is None:
        return []
    return [(str(label), str(data)) for label, data in json.loads(row.buttons)]


def keep_numbered_choices(unit: Unit, *, user_id: int, buttons: list[tuple[str, str]]) -> None:
    """Replace the user's numbered buttons ([] forgets them). An upsert: two replicas writing cannot collide."""
    if not buttons:
        unit.session.exec(delete(NumberedChoice).where(col(NumberedChoice.user_id) == user_id))
        return
    document = json.dumps([list(button) for button in buttons], ensure_ascii=False)
    unit.session.exec(
        unit.insert(NumberedChoice)
        .values(user_id=user_id, buttons=document, at=unit.now)
        .on_conflict_do_update(index_elements=["user_id"], set_={"buttons": document, "at": unit.now})
    )


def _identity(unit: Unit, channel: str, external: str) -> ChannelIdentity | None:
    query = select(ChannelIdentity).where(ChannelIdentity.channel == channel, ChannelIdentity.external_id == external)
    return unit.session.exec(query).first()


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back (they are UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
