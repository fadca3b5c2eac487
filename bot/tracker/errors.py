"""Domain errors of the tracker: a stable `code` for the chat core to translate, and a short English text."""

from __future__ import annotations

from typing import Any


class TrackerError(Exception):
    """Base of every error the Tracker raises on purpose; `str(error)` is safe to show a user."""

    code = "error"

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.params: dict[str, Any] = params


class NotFound(TrackerError):
    """The thing does not exist, or the actor may not know that it does (never tell those apart)."""

    code = "not_found"

    @classmethod
    def item(cls, item_id: int) -> NotFound:
        return cls(f"Item #{item_id} was not found.", what="item", id=item_id)

    @classmethod
    def user(cls, user_id: int) -> NotFound:
        return cls(f"User {user_id} was not found.", what="user", id=user_id)

    @classmethod
    def notification(cls, notification_id: int) -> NotFound:
        return cls(f"Notification {notification_id} was not found.", what="notification", id=notification_id)


class Forbidden(TrackerError):
    code = "forbidden"

    def __init__(self, message: str = "You are not allowed to do that.", **params: Any) -> None:
        super().__init__(message, **params)


class Conflict(TrackerError):
    """Someone else changed or closed the item first; reload and try again."""

    code = "conflict"

    def __init__(self, message: str = "Someone else changed this item first.", **params: Any) -> None:
        super().__init__(message, **params)


class Invalid(TrackerError):
    """Bad input; `params["field"]` names the culprit."""

    code = "invalid"

    def __init__(self, message: str, *, field: str, **params: Any) -> None:
        super().__init__(message, field=field, **params)


class Unavailable(TrackerError):
    """The database did not answer in time (locked by another writer, restarting, unreachable); nothing
    was written, and the same call can simply be tried again a moment later."""

    code = "unavailable"

    def __init__(self, message: str = "The problem list is busy; try again in a moment.", **params: Any) -> None:
        super().__init__(message, **params)


class LinkRefused(TrackerError):
    """`/link CODE` cannot link two channels: `reason` is bad_code, same_channel, already, roles_differ or
    would_lose (the chat core says which)."""

    code = "link_refused"

    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(f"Not linked: {reason}.", **params)
        self.reason = reason
