"""/help and Telegram's command menu show each role what it may do, and nothing more."""

from __future__ import annotations

from bot.core.dialog import Dialog
from tests.core.conftest import Chat

ENTERPRISE_MENU = ["help", "problem", "mine", "status", "followup", "close", "reopen", "calc", "cancel", "lang",
                   "recordations", "link"]


def test_enterprise_help_lists_only_enterprise_commands(alice: Chat) -> None:
    html = alice.say("/help")
    assert "/problem — log a problem: /problem TEXT" in html
    assert "/followup — add to an open item: /followup N TEXT" in html
    assert "“Add to an open item…”" in html and "/cancel" in html
    assert "/queue" not in html and "/grant" not in html and "Officer commands" not in html


def test_officer_help_adds_the_officer_commands(oscar: Chat) -> None:
    html = oscar.say("/help")
    assert "<b>Officer commands</b>" in html and "/queue" in html and "/stats" in html
    assert "/close — resolve an item: /close N [RESOLUTION]" in html
    assert "/mine — the items you hold" in html and "your items and their status" not in html
    assert "close your item" not in html  # the officer's /close replaces the enterprise's
    assert "/grant" not in html


def test_admin_help_adds_the_admin_commands_and_uploads(ada: Chat) -> None:
    html = ada.say("/help")
    assert "<b>Admin commands</b>" in html and "/grant" in html and "/reindex" in html
    assert "Send a .md file" in html


def test_help_in_chinese(alice: Chat) -> None:
    alice.send("/lang zh")
    assert "/problem — 登记问题：/problem 问题描述" in alice.say("/help")


def test_command_menus_per_role_and_language(dialog: Dialog) -> None:
    assert [name for name, _ in dialog.commands("enterprise", "en")] == ENTERPRISE_MENU
    officer = dict(dialog.commands("officer", "zh"))
    assert (
        officer["queue"] == "待办清单：/queue [类别]" and officer["close"] == "办结事项：/close 编号 [办结意见]"
    )
    assert "grant" not in officer and "grant" in dict(dialog.commands("admin", "en"))
    for role in ("enterprise", "officer", "admin"):
        for name, description in dialog.commands(role, "en") + dialog.commands(role, "zh"):
            assert name.isascii() and name.islower() and 1 <= len(name) <= 32
            assert 1 <= len(description) <= 256
