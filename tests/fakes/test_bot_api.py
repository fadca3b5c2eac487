"""The fake Bot API itself, spoken to with plain httpx the way python-telegram-bot speaks to it."""

from __future__ import annotations

import json
import socket
import threading
import time

import httpx
import pytest

from tests.fakes.bot_api import FakeBotAPI, decode_params


@pytest.fixture
def api() -> FakeBotAPI:
    with FakeBotAPI() as fake:
        yield fake


def call(api: FakeBotAPI, method: str, client_timeout: float = 5, **form: str) -> httpx.Response:
    return httpx.post(f"{api.base_url}{api.token}/{method}", data=form or None, timeout=client_timeout)


def test_get_me_names_the_bot(api: FakeBotAPI) -> None:
    body = call(api, "getMe").json()
    assert body["ok"] and body["result"]["is_bot"] and body["result"]["username"] == api.username


def test_form_values_are_json_except_string_fields() -> None:
    body = b"chat_id=42&text=123&disable_notification=true&reply_markup=%7B%22inline_keyboard%22%3A+%5B%5D%7D"
    params = decode_params("application/x-www-form-urlencoded", body)
    assert params == {"chat_id": 42, "text": "123", "disable_notification": True,
                      "reply_markup": {"inline_keyboard": []}}


def test_multipart_fields_and_files_are_decoded() -> None:
    request = httpx.Request("POST", "http://x/", data={"chat_id": "5", "caption": "42"},
                            files={"document": ("a.md", b"# hi")})
    params = decode_params(request.headers["Content-Type"], request.read())
    assert params == {"chat_id": 5, "caption": "42", "document": {"file_name": "a.md", "data": b"# hi"}}


def test_send_message_is_recorded_and_answered_with_a_message(api: FakeBotAPI) -> None:
    markup = json.dumps({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})
    result = call(api, "sendMessage", chat_id="7", text="<b>hi</b>", parse_mode="HTML", reply_markup=markup)
    result = result.json()
    assert result["result"]["chat"]["id"] == 7 and result["result"]["message_id"] > 0
    [sent] = api.messages(7)
    assert sent["text"] == "<b>hi</b>" and sent["parse_mode"] == "HTML"
    assert sent["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "a"


def test_get_updates_hands_out_updates_and_forgets_confirmed_ones(api: FakeBotAPI) -> None:
    api.send_text(5, "/start now")
    [update] = call(api, "getUpdates", offset="0", timeout="0").json()["result"]
    message = update["message"]
    assert message["text"] == "/start now" and message["from"]["id"] == 5
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert call(api, "getUpdates", offset=str(update["update_id"] + 1), timeout="0").json()["result"] == []
    assert api.pending_updates() == 0


def test_get_updates_long_polls_until_an_update_arrives(api: FakeBotAPI) -> None:
    threading.Timer(0.3, api.send_text, args=(5, "late")).start()
    started = time.monotonic()
    [update] = call(api, "getUpdates", client_timeout=70, offset="0", timeout="60").json()["result"]
    # It waited for the update and was woken by it, not by its 60 s timeout.
    assert update["message"]["text"] == "late" and 0.25 < time.monotonic() - started < 60


def test_get_updates_without_updates_waits_for_the_timeout(api: FakeBotAPI) -> None:
    started = time.monotonic()
    assert call(api, "getUpdates", offset="0", timeout="1").json()["result"] == []
    assert time.monotonic() - started >= 1


def test_flood_control_answers_429_with_retry_after_then_recovers(api: FakeBotAPI) -> None:
    api.fail_next("sendMessage", status=429, retry_after=3)
    first = call(api, "sendMessage", chat_id="7", text="a")
    assert first.status_code == 429 and first.json()["parameters"] == {"retry_after": 3}
    assert call(api, "sendMessage", chat_id="7", text="b").status_code == 200
    assert [m["text"] for m in api.messages(7)] == ["b"]


def test_server_errors_count_down(api: FakeBotAPI) -> None:
    api.fail_next("sendMessage", status=500, times=2)
    codes = [call(api, "sendMessage", chat_id="7", text="x").status_code for _ in range(3)]
    assert codes == [500, 500, 200]


def test_dropped_connection_gets_no_answer(api: FakeBotAPI) -> None:
    api.drop_next("sendMessage")
    with pytest.raises(httpx.RemoteProtocolError):
        call(api, "sendMessage", chat_id="7", text="x")
    assert api.messages(7) == [] and api.calls_of("sendMessage", ok_only=False)[0].fault == "drop"


def test_delay_outlasts_the_client_timeout(api: FakeBotAPI) -> None:
    api.delay_next("sendMessage", 2)
    with pytest.raises(httpx.ReadTimeout):
        call(api, "sendMessage", client_timeout=0.3, chat_id="7", text="x")
    assert api.messages(7) == []


def test_blocked_chat_is_forbidden_other_chats_are_not(api: FakeBotAPI) -> None:
    api.block_chat(9)
    blocked = call(api, "sendMessage", chat_id="9", text="x")
    assert blocked.status_code == 403
    assert blocked.json()["description"] == "Forbidden: bot was blocked by the user"
    assert call(api, "sendMessage", chat_id="7", text="x").status_code == 200


def test_get_file_and_download(api: FakeBotAPI) -> None:
    api.add_file("f1", b"# Title\n")
    path = call(api, "getFile", file_id="f1").json()["result"]["file_path"]
    assert httpx.get(f"{api.base_file_url}{api.token}/{path}").content == b"# Title\n"
    assert call(api, "getFile", file_id="nope").status_code == 400


def test_unknown_methods_answer_true_and_wrong_tokens_404(api: FakeBotAPI) -> None:
    assert call(api, "setChatMenuButton").json() == {"ok": True, "result": True}
    assert httpx.post(f"{api.base_url}999:other/getMe").status_code == 404


def test_update_builders_make_telegram_shaped_updates(api: FakeBotAPI) -> None:
    api.send_sticker(5)
    api.send_edited(5, "changed", 3)
    api.send_channel_post(-1001, "news")
    api.press_button(5, "yes", 3)
    api.send_document(5, "a.md", b"x")
    updates = call(api, "getUpdates", offset="0").json()["result"]
    kinds = [next(k for k in u if k != "update_id") for u in updates]
    assert kinds == ["message", "edited_message", "channel_post", "callback_query", "message"]


def test_the_server_stops_on_exit() -> None:
    with FakeBotAPI() as api:
        port = api.port
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_a_pending_long_poll_is_released_on_exit() -> None:
    outcome: list[object] = []
    with FakeBotAPI() as api:
        url = f"{api.base_url}{api.token}/getUpdates"
        thread = threading.Thread(
            target=lambda: outcome.append(httpx.post(url, data={"timeout": "30"}, timeout=10).status_code)
        )
        thread.start()
        api.wait_until(lambda: api.waiting_polls() == 1, 10, "the long poll held open")
    thread.join(timeout=5)
    assert not thread.is_alive() and outcome == [200]
