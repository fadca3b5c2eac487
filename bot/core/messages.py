"""What a channel hands the core and what the core hands back: platform-free frozen values."""

from __future__ import annotations

from dataclasses import dataclass

# Telegram refuses callback data longer than 64 bytes; the core keeps every Button.data under it.
MAX_BUTTON_DATA = 64


@dataclass(frozen=True)
class Document:
    """A file the user sent; `data` is None when the channel refused to download it (too large)."""

    file_name: str
    size: int
    data: bytes | None


@dataclass(frozen=True)
class SentFile:
    """A photo or document the user sent, as the platform keeps it: sent again by `file_id`, never downloaded."""

    kind: str  # photo | document
    file_id: str
    file_name: str | None = None
    mime_type: str | None = None
    size: int = 0


@dataclass(frozen=True)
class Incoming:
    """One thing a user did: a text message, a button press or a document."""

    user_id: int
    chat_id: int
    user_name: str
    language_code: str | None = None  # the platform's idea of the user's language ("en", "zh-hans", ...)
    text: str | None = None
    button: str | None = None  # callback data of a pressed button
    document: Document | None = None
    file: SentFile | None = None  # a photo, or a document's file id (set with `document` for documents)
    chat_type: str = "private"  # "private", "group", "supergroup"
    # False when the platform says the sender is not one person: a bot, or an identity many people share
    # (Telegram's anonymous group admins, posts made as a channel). Such a sender never acts as a user.
    sender_is_person: bool = True
    # The platform it came through ("telegram", "wecom"): the user's notices follow them there.
    channel: str = "telegram"


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """One message to send. `html` uses Telegram's HTML subset (<b>, <i>, <code>); all user and
    knowledge text in it is already escaped. `chat_id` None means the chat the Incoming came from."""

    html: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    chat_id: int | None = None
    # A file to send with `html` as its caption: a kept one by id (SentFile), or new bytes (a chart) by name.
    file: SentFile | None = None
    upload: tuple[str, bytes] | None = None  # (file name, PNG bytes), sent as a photo
