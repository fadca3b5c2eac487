"""The Tracker's calls for users of several channels: a WeCom member's desk user, the channel each user is
using (where their notices go), linking one person's two channels, and the numbered choices shown where
buttons did not fit."""

from __future__ import annotations

from bot.tracker import identities
from bot.tracker.facade import Facade
from bot.tracker.identities import Member


class IdentityRecords(Facade):
    """Mixed into Tracker (bot/tracker/service.py); the rules are in bot/tracker/identities.py."""

    def channel_member(self, *, channel: str, external_id: str, name: str, language: str = "zh") -> Member:
        """The desk user of a channel's member, created on first contact (an enterprise, in `language`)."""
        with self._unit(write=False) as unit:
            found = identities.known_member(unit, channel=channel, external_id=external_id)
            if found is not None:
                return found
        with self._unit() as unit:
            return identities.member(unit, channel=channel, external_id=external_id, name=name, language=language)

    def external_id(self, *, channel: str, user_id: int) -> str | None:
        """The member id in `channel` of a desk user; None when they have none there."""
        with self._unit(write=False) as unit:
            return identities.external_id(unit, channel=channel, user_id=user_id)

    def use_channel(self, *, user_id: int, channel: str) -> None:
        """The user wrote from `channel`: their notices go there from now on."""
        with self._unit() as unit:
            identities.use_channel(unit, user_id=user_id, channel=channel)

    def new_link_code(self, *, user_id: int, channel: str) -> str:
        """A one-time code (valid identities.LINK_VALID) to type as `/link CODE` in the other channel."""
        with self._unit() as unit:
            return identities.new_link_code(unit, user_id=user_id, channel=channel)

    def link_channels(self, *, user_id: int, channel: str, code: str) -> int:
        """Make the user writing in `channel` and the maker of `code` one user; the desk id kept. Raises
        bot.tracker.errors.LinkRefused with its reason."""
        with self._unit() as unit:
            return identities.link(unit, user_id=user_id, channel=channel, code=code)

    def numbered_choices(self, *, user_id: int) -> list[tuple[str, str]]:
        """The (label, data) of the buttons last shown to the user as numbered choices; [] when none."""
        with self._unit(write=False) as unit:
            return identities.numbered_choices(unit, user_id=user_id)

    def keep_numbered_choices(self, *, user_id: int, buttons: list[tuple[str, str]]) -> None:
        """The buttons now numbered for the user, for whichever replica gets their next message."""
        with self._unit() as unit:
            identities.keep_numbered_choices(unit, user_id=user_id, buttons=buttons)
