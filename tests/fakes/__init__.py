"""Test doubles at the boundaries: the fake Telegram Bot API server, fakes of the core and the tracker."""
