"""Photos and documents on items through the real Application and the fake Bot API: kept by file id, forwarded
to the officers, sent again on a press, refused to another enterprise; and the /stats chart uploaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.core.dialog import Dialog
from tests.channels.test_telegram_desk import ALICE, STAFF, button_data, message_with
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.fake_services import OFFICER_CHAT, FakeServices, real_tracker
from tests.fakes.telegram_doubles import running_bot, settings_for

BOB = 5_000_000_002  # another enterprise
OSCAR = 6_000_000_001


@pytest.fixture
def desk(api: FakeBotAPI, tmp_path: Path) -> Iterator[FakeServices]:
    tracker = real_tracker(tmp_path)
    tracker.ensure_user(user_id=OSCAR, name="Oscar")
    tracker.grant_role(actor_id=None, user_id=OSCAR, role="officer")
    services = FakeServices(tracker, settings=settings_for(api, **STAFF))
    with running_bot(api, Dialog(services), tracker, **STAFF):
        yield services


def files_to(api: FakeBotAPI, chat_id: int, n: int) -> list[tuple[str, dict[str, Any]]]:
    api.wait_until(lambda: len(api.files_sent(chat_id)) >= n, 10, f"{n} files to {chat_id}")
    return api.files_sent(chat_id)


def test_a_photo_and_a_pdf_are_attached_forwarded_sent_again_and_refused_to_another_enterprise(
    api: FakeBotAPI, desk: FakeServices
) -> None:
    api.send_text(ALICE, "/problem Fake bearings held at Dalian")
    message_with(api, OFFICER_CHAT, "Fake bearings held at Dalian")
    api.send_photo(ALICE, file_id="photo-of-box")
    message_with(api, ALICE, "is attached to #1")
    api.send_document(ALICE, "invoice.pdf", b"%PDF-1.4 ...", mime_type="application/pdf")
    message_with(api, ALICE, "invoice.pdf is attached to #1")
    forwarded = files_to(api, OFFICER_CHAT, 2)
    assert [(method, params["photo" if method == "sendPhoto" else "document"]) for method, params in forwarded] == [
        ("sendPhoto", "photo-of-box"), ("sendDocument", "doc1"),
    ]
    assert "#1" in forwarded[1][1]["caption"] and api.calls_of("getFile") == []  # never downloaded
    # the owner's /status lists them; a press sends one again
    api.send_text(ALICE, "/status 1")
    status = message_with(api, ALICE, "Fake bearings held at Dalian")
    api.press_button(ALICE, button_data(status, "invoice.pdf"), message_id=9)
    [(method, params)] = files_to(api, ALICE, 1)
    assert (method, params["document"]) == ("sendDocument", "doc1")
    # another enterprise pressing the same data learns nothing, gets nothing
    api.press_button(BOB, button_data(status, "invoice.pdf"), message_id=9)
    api.wait_for_messages(BOB, 1)
    assert api.files_sent(BOB) == []


def test_a_file_that_is_not_an_image_or_pdf_is_refused_with_the_limit(api: FakeBotAPI, desk: FakeServices) -> None:
    api.send_text(ALICE, "/problem Goods held")
    api.send_document(ALICE, "setup.exe", b"MZ", mime_type="application/octet-stream")
    assert "up to 20 MB" in message_with(api, ALICE, "Only photos")["text"]
    assert desk.tracker.attachments(actor_id=ALICE, item_id=1) == []


def test_the_stats_chart_is_uploaded_as_a_photo(api: FakeBotAPI, desk: FakeServices) -> None:
    api.send_text(ALICE, "/problem Goods held")
    message_with(api, ALICE, "Logged as #1")  # chats are handled concurrently: the item first
    api.send_text(OSCAR, "/stats")
    [(method, params)] = files_to(api, OSCAR, 1)
    assert method == "sendPhoto" and params["photo"]["data"].startswith(b"\x89PNG")
    assert params["caption"] == "Open and in progress per week, by category; 1 to go to zero."


def test_a_documents_caption_reaches_the_officer_with_its_file_name(api: FakeBotAPI, desk: FakeServices) -> None:
    api.send_text(ALICE, "/problem Fake bearings held at Dalian")
    message_with(api, OFFICER_CHAT, "Fake bearings held at Dalian")
    api.send_document(ALICE, "invoice.pdf", b"%PDF-1.4 ...", mime_type="application/pdf",
                      caption="The  invoice of the held shipment")
    message_with(api, ALICE, "is attached to #1")
    [(method, params)] = files_to(api, OFFICER_CHAT, 1)
    assert method == "sendDocument" and params["document"] == "doc1"
    assert params["caption"] == "📎 #1: invoice.pdf — The invoice of the held shipment from Tester"
    [kept] = desk.tracker.attachments(actor_id=ALICE, item_id=1)
    assert kept.file_name == "invoice.pdf — The invoice of the held shipment"
