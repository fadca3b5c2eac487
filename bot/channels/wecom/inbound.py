"""A decrypted WeCom callback (XML) read into one platform-level value: a text, a card button, or other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import xmltodict

TEXT, BUTTON, OTHER = "text", "button", "other"
MAX_XML_BYTES = 256 * 1024  # a callback is a few hundred bytes; a text at most 2048 bytes of content


@dataclass(frozen=True)
class Callback:
    """What a WeCom user did: `kind` text (with `text`), button (with `key`), or other (an image, a voice,
    an event the desk does not use: `what` names it). `dedupe` is the key a retried callback repeats."""

    kind: str
    user: str  # FromUserName: the member's UserID in the corp
    dedupe: str
    text: str | None = None
    key: str | None = None
    what: str = ""


def parse(xml: str) -> Callback | None:
    """The callback in this XML; None when it is not a message from a member (bad XML, no sender)."""
    if len(xml.encode()) > MAX_XML_BYTES:
        return None
    try:
        root = xmltodict.parse(xml, disable_entities=True)
    except Exception:  # noqa: BLE001 - expat's errors, and a DTD with entities: not a callback
        return None
    fields = root.get("xml") if isinstance(root, dict) else None
    if not isinstance(fields, dict):
        return None
    user, kind = _field(fields, "FromUserName"), _field(fields, "MsgType")
    if not user or not kind:
        return None
    if kind == "event":
        return _event(fields, user)
    dedupe = f"msg:{_field(fields, 'MsgId') or _field(fields, 'CreateTime') + ':' + user}"
    if kind == "text":
        return Callback(TEXT, user, dedupe, text=_field(fields, "Content"))
    return Callback(OTHER, user, dedupe, what=kind)


def _event(fields: dict[str, Any], user: str) -> Callback:
    """An event: a template card's button (its key is the core's button data), or another event."""
    event, key = _field(fields, "Event"), _field(fields, "EventKey")
    # Events carry no MsgId: the sender, the time and the key identify a retried one.
    dedupe = f"event:{user}:{_field(fields, 'CreateTime')}:{event}:{key}"
    if event == "template_card_event" and key:
        return Callback(BUTTON, user, dedupe, key=key)
    return Callback(OTHER, user, dedupe, what=f"event:{event}")


def _field(fields: dict[str, Any], name: str) -> str:
    value = fields.get(name)
    return value.strip() if isinstance(value, str) else ""
