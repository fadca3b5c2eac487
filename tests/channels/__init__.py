"""Tests of the channels: the Telegram adapter against the fake Bot API, the terminal chat."""
