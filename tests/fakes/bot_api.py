"""A fake Telegram Bot API on 127.0.0.1: the real bot talks HTTP to it, tests feed it updates and read
what the bot sent. Stdlib only (ThreadingHTTPServer in a background thread).

    with FakeBotAPI() as api:
        app = ApplicationBuilder().token(api.token).base_url(api.base_url).base_file_url(api.base_file_url)...
        api.send_text(7, "/start")
        [reply] = api.wait_for_messages(7, 1)

Faults happen *before* the fake handles a call (the call is recorded with its fault but has no effect), so
after a fault a retry is the only delivery and "sent exactly once" is observable.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote

from tests.fakes.waiting import wait_on

TOKEN = "123456:TEST-token-not-real"
BOT_ID = 123456
# Telegram form fields whose values are strings: python-telegram-bot sends str values raw (not JSON), so
# `text=123` must stay "123". Every other field is JSON-decoded when it parses.
_STRING_FIELDS = frozenset(
    {"text", "parse_mode", "callback_query_id", "file_id", "caption", "language_code", "action",
     "inline_message_id", "url", "description", "short_description", "name", "emoji", "secret_token",
     "photo", "document"}
)
_EMPTY_POLL_WAIT_S = 0.2


@dataclass(frozen=True)
class Call:
    """One request the bot made: the Bot API method, its decoded parameters, when it was answered (a long
    poll: when it ended), the HTTP status, and any injected fault."""

    method: str
    params: dict[str, Any]
    at: float
    status: int | None  # None: the connection was closed without an answer
    fault: str | None = None  # "status", "delay" or "drop" when an injected fault answered

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class _Fault:
    method: str
    times: int
    kind: str  # "status", "delay", "drop"
    status: int = 500
    description: str = ""
    retry_after: int | None = None
    delay_s: float = 0.0


@dataclass
class _State:
    updates: list[dict[str, Any]] = field(default_factory=list)
    next_update_id: int = 1
    next_message_id: int = 1000
    calls: list[Call] = field(default_factory=list)
    faults: list[_Fault] = field(default_factory=list)
    chat_errors: dict[int, tuple[int, str]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    # getWebhookInfo's answer: setWebhook fills it, deleteWebhook empties the url, tests add errors
    webhook: dict[str, Any] = field(default_factory=lambda: {"url": ""})
    waiting_polls: int = 0


class FakeBotAPI:
    """The fake server; use as a context manager so it always stops."""

    def __init__(self, *, token: str = TOKEN, username: str = "iprdesk_test_bot") -> None:
        self.token = token
        self.username = username
        self._state = _State()
        self._cond = threading.Condition()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------------

    def __enter__(self) -> FakeBotAPI:
        server = _Server(("127.0.0.1", 0), _make_handler(self))
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-bot-api", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving and release every waiting long poll."""
        self._stopping.set()
        with self._cond:
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        assert self._server is not None, "use FakeBotAPI as a context manager"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- fault injection -------------------------------------------------------------------------------

    def fail_next(
        self, method: str, *, status: int = 500, retry_after: int | None = None, times: int = 1,
        description: str | None = None,
    ) -> None:
        """The next `times` calls of `method` get an error (429 with `retry_after` = flood control)."""
        text = description or ("Too Many Requests: retry later" if status == 429 else f"Error {status}")
        self._add_fault(_Fault(method, times, "status", status, text, retry_after))

    def delay_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next calls of `method` hang for `seconds`, then the connection closes unanswered."""
        self._add_fault(_Fault(method, times, "delay", delay_s=seconds))

    def drop_next(self, method: str, *, times: int = 1) -> None:
        """The next calls of `method` have their connection closed without an answer."""
        self._add_fault(_Fault(method, times, "drop"))

    def block_chat(self, chat_id: int) -> None:
        """Every send to `chat_id` fails as when the user blocked the bot."""
        self.fail_chat(chat_id, 403, "Forbidden: bot was blocked by the user")

    def fail_chat(self, chat_id: int, status: int, description: str) -> None:
        """Every call naming `chat_id` fails with this error (e.g. 400 "Bad Request: chat not found")."""
        with self._cond:
            self._state.chat_errors[chat_id] = (status, description)

    def _add_fault(self, fault: _Fault) -> None:
        with self._cond:
            self._state.faults.append(fault)

    # -- updates the bot will receive --------------------------------------------------------------------

    def send_text(
        self, user_id: int, text: str, chat_id: int | None = None, language_code: str | None = "en",
        chat_type: str = "private", first_name: str = "Tester",
    ) -> int:
        """A user writes `text` (a leading /command gets its bot_command entity); returns the message_id."""
        body = self.text_update(user_id, text, chat_id, language_code, chat_type, first_name)
        self._push(body)
        return int(body["message"]["message_id"])

    def text_update(
        self, user_id: int, text: str, chat_id: int | None = None, language_code: str | None = "en",
        chat_type: str = "private", first_name: str = "Tester",
    ) -> dict[str, Any]:
        """The update of send_text, without update_id and not queued (for deliver_webhook)."""
        message = self._message(user_id, chat_id, chat_type, language_code, first_name)
        message["text"] = text
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}]
        return {"message": message}

    def send_document(
        self, user_id: int, file_name: str, data: bytes, chat_id: int | None = None,
        file_size: int | None = None, language_code: str | None = "en", mime_type: str | None = None,
        caption: str | None = None,
    ) -> str:
        """A user sends a file (with a caption, if given); the bytes are served by getFile + download. Returns
        the file_id."""
        with self._cond:
            file_id = f"doc{len(self._state.files) + 1}"
            self._state.files[file_id] = data
        message = self._message(user_id, chat_id, "private", language_code)
        message["document"] = {
            "file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
            "file_size": len(data) if file_size is None else file_size,
            **({"mime_type": mime_type} if mime_type else {}),
        }
        if caption is not None:
            message["caption"] = caption
        self._push({"message": message})
        return file_id

    def send_sticker(self, user_id: int, *, chat_id: int | None = None) -> None:
        """A user sends a sticker (no text)."""
        message = self._message(user_id, chat_id, "private", "en")
        message["sticker"] = {"file_id": "stk1", "file_unique_id": "ustk1", "type": "regular", "width": 512,
                              "height": 512, "is_animated": False, "is_video": False}
        self._push({"message": message})

    def send_photo(
        self, user_id: int, *, chat_id: int | None = None, file_id: str = "ph1", language_code: str | None = "en"
    ) -> None:
        """A user sends a photo (no caption); Telegram offers a small and a large size, the large one last."""
        message = self._message(user_id, chat_id, "private", language_code)
        message["photo"] = [{"file_id": f"{file_id}-small", "file_unique_id": f"u{file_id}s", "width": 90,
                             "height": 90},
                            {"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 1280, "height": 960,
                             "file_size": 120_000}]
        self._push({"message": message})

    def files_sent(self, chat_id: int | None = None) -> list[tuple[str, dict[str, Any]]]:
        """(method, params) of the sendPhoto and sendDocument calls that succeeded, optionally for one chat."""
        return [(c.method, c.params) for c in self.calls if c.ok and c.method in ("sendPhoto", "sendDocument")
                and (chat_id is None or c.params.get("chat_id") == chat_id)]

    def send_edited(self, user_id: int, text: str, message_id: int, *, chat_id: int | None = None) -> None:
        """A user edits an earlier message."""
        message = self._message(user_id, chat_id, "private", "en")
        message.update(message_id=message_id, text=text, edit_date=int(time.time()))
        self._push({"edited_message": message})

    def send_channel_post(self, chat_id: int, text: str) -> None:
        """A post in a channel the bot is a member of."""
        chat = {"id": chat_id, "type": "channel", "title": "A channel"}
        post = {"message_id": self._next_message_id(), "date": int(time.time()), "chat": chat,
                "sender_chat": chat, "text": text}
        self._push({"channel_post": post})

    def press_button(
        self, user_id: int, data: str, message_id: int, chat_id: int | None = None,
        language_code: str | None = "en",
    ) -> str:
        """A user presses an inline button on the bot's message `message_id`; returns the query id."""
        body = self.button_update(user_id, data, message_id, chat_id, language_code)
        self._push(body)
        return str(body["callback_query"]["id"])

    def button_update(
        self, user_id: int, data: str, message_id: int, chat_id: int | None = None,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """The update of press_button, without update_id and not queued (for deliver_webhook)."""
        chat = self._chat(chat_id if chat_id is not None else user_id, "private")
        with self._cond:
            query_id = f"cq{self._state.next_update_id}_{self._state.next_message_id}"
        query = {
            "id": query_id, "from": _user(user_id, "Tester", language_code),
            "chat_instance": f"ci{chat['id']}", "data": data,
            "message": {"message_id": message_id, "date": int(time.time()), "chat": chat, "text": "...",
                        "from": self.me()},
        }
        return {"callback_query": query}

    # -- webhook mode: the fake POSTs updates, as Telegram does ----------------------------------------------

    def deliver_webhook(self, url: str, secret: str | None, update: dict[str, Any], timeout: float = 10) -> int:
        """POST `update` (given an update_id when it has none) to `url` with the secret header, as Telegram
        does; returns the HTTP status."""
        if "update_id" not in update:
            with self._cond:
                update = {"update_id": self._state.next_update_id, **update}
                self._state.next_update_id += 1
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            error.close()
            return int(error.code)

    def webhook(self) -> dict[str, Any]:
        """What getWebhookInfo answers now (url, secret_token, allowed_updates as set, and any errors)."""
        with self._cond:
            return dict(self._state.webhook)

    def set_webhook_info(self, **fields: Any) -> None:
        """Add to getWebhookInfo's answer, e.g. last_error_message="Connection refused", last_error_date=..."""
        with self._cond:
            self._state.webhook.update(fields)

    def _message(
        self, user_id: int, chat_id: int | None, chat_type: str, language_code: str | None,
        first_name: str = "Tester",
    ) -> dict[str, Any]:
        chat = self._chat(chat_id if chat_id is not None else user_id, chat_type)
        return {"message_id": self._next_message_id(), "date": int(time.time()), "chat": chat,
                "from": _user(user_id, first_name, language_code)}

    def _chat(self, chat_id: int, chat_type: str) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        chat.update({"first_name": "Tester"} if chat_type == "private" else {"title": "Officers"})
        with self._cond:
            self._state.chats[chat_id] = chat
        return chat

    def _next_message_id(self) -> int:
        with self._cond:
            self._state.next_message_id += 1
            return self._state.next_message_id

    def push_update(self, update: dict[str, Any]) -> None:
        """Offer `update` as it is, update_id included: Telegram sending one again after a lost confirmation."""
        with self._cond:
            self._state.updates.append(update)
            self._state.next_update_id = max(self._state.next_update_id, int(update["update_id"]) + 1)
            self._cond.notify_all()

    def push(self, body: dict[str, Any]) -> int:
        """Offer an update built by the test (e.g. text_update with another sender); returns its update_id."""
        with self._cond:
            update_id = self._state.next_update_id
        self._push(body)
        return update_id

    def _push(self, body: dict[str, Any]) -> None:
        with self._cond:
            self._state.updates.append({"update_id": self._state.next_update_id, **body})
            self._state.next_update_id += 1
            self._cond.notify_all()

    # -- what the bot did ----------------------------------------------------------------------------------

    def me(self) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "IPR desk", "username": self.username}

    def add_file(self, file_id: str, data: bytes) -> None:
        """Serve `data` for getFile(file_id) and its download URL."""
        with self._cond:
            self._state.files[file_id] = data

    @property
    def calls(self) -> list[Call]:
        """Every request so far, in arrival order."""
        with self._cond:
            return list(self._state.calls)

    def calls_of(self, method: str, *, ok_only: bool = True) -> list[Call]:
        """The calls of one method; by default only those answered with success."""
        return [c for c in self.calls if c.method == method and (c.ok or not ok_only)]

    def messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Parameters of the sendMessage calls that succeeded, optionally for one chat."""
        return [c.params for c in self.calls_of("sendMessage")
                if chat_id is None or c.params.get("chat_id") == chat_id]

    def wait_for_messages(self, chat_id: int, n: int, timeout: float = 10) -> list[dict[str, Any]]:
        """Wait until `chat_id` received at least `n` messages; returns all of them."""
        self.wait_until(lambda: len(self.messages(chat_id)) >= n, timeout, f"{n} messages to chat {chat_id}")
        return self.messages(chat_id)

    def wait_for_calls(self, method: str, n: int, timeout: float = 10, *, ok_only: bool = True) -> list[Call]:
        """Wait until `method` was called at least `n` times; returns those calls."""
        self.wait_until(lambda: len(self.calls_of(method, ok_only=ok_only)) >= n, timeout, f"{n} x {method}")
        return self.calls_of(method, ok_only=ok_only)

    def wait_until(self, predicate: Callable[[], bool], timeout: float, what: str = "condition") -> None:
        """Wait until `predicate()` holds (re-checked whenever a call arrives); AssertionError on timeout."""
        wait_on(self._cond, predicate, timeout, lambda: (
            f"timed out after {timeout}s waiting for {what}; calls: {[c.method for c in self._state.calls]}"
        ), recheck_s=0.05)

    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot (through a later getUpdates offset)."""
        with self._cond:
            return len(self._state.updates)

    def waiting_polls(self) -> int:
        """getUpdates calls being held open right now (a long poll with nothing to hand out yet)."""
        with self._cond:
            return self._state.waiting_polls

    # -- serving (runs in the server's threads) ------------------------------------------------------------

    def _serve(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | _Fault:
        with self._cond:
            fault = next((f for f in self._state.faults if f.method == method and f.times > 0), None)
            if fault is not None:
                fault.times -= 1
            chat_error = self._state.chat_errors.get(_int_or_none(params.get("chat_id")) or 0)
        outcome = self._outcome(method, params, fault, chat_error)
        status = outcome[0] if isinstance(outcome, tuple) else None
        with self._cond:
            call = Call(method, params, time.monotonic(), status, fault.kind if fault else None)
            self._state.calls.append(call)
            self._cond.notify_all()
        return outcome

    def _outcome(
        self, method: str, params: dict[str, Any], fault: _Fault | None, chat_error: tuple[int, str] | None
    ) -> tuple[int, dict[str, Any]] | _Fault:
        if fault is not None and fault.kind != "status":
            return fault
        if fault is not None:
            extra = {"parameters": {"retry_after": fault.retry_after}} if fault.retry_after else {}
            return fault.status, _error(fault.status, fault.description) | extra
        if chat_error is not None:
            return chat_error[0], _error(*chat_error)
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        return self._answer(method, params)

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getMe":
            return 200, {"ok": True, "result": self.me()}
        if method in ("setWebhook", "deleteWebhook", "getWebhookInfo"):
            return 200, {"ok": True, "result": self._webhook_call(method, params)}
        if method in ("sendMessage", "editMessageText", "sendPhoto", "sendDocument"):
            return 200, {"ok": True, "result": self._sent_message(params)}
        if method == "getFile":
            file_id = str(params.get("file_id"))
            with self._cond:
                data = self._state.files.get(file_id)
            if data is None:
                return 400, _error(400, "Bad Request: invalid file_id")
            return 200, {"ok": True, "result": {"file_id": file_id, "file_unique_id": f"u{file_id}",
                                                "file_size": len(data), "file_path": f"documents/{file_id}"}}
        return 200, {"ok": True, "result": True}

    def _webhook_call(self, method: str, params: dict[str, Any]) -> Any:
        with self._cond:
            if method == "setWebhook":
                self._state.webhook = {**params, "url": str(params.get("url", ""))}
            elif method == "deleteWebhook":
                self._state.webhook = {"url": ""}
            else:
                # Telegram's WebhookInfo: the fields set (the secret is never shown) and any errors.
                info = {k: v for k, v in self._state.webhook.items() if k != "secret_token"}
                return {"has_custom_certificate": False, "pending_update_count": 0, **info}
        return True

    def _sent_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _int_or_none(params.get("chat_id")) or 0
        with self._cond:
            unknown = {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
            chat = self._state.chats.get(chat_id, unknown)
        message_id = _int_or_none(params.get("message_id")) or self._next_message_id()
        message = {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": self.me(),
                   "text": params.get("text", "")}
        if "photo" in params:  # sendPhoto: Telegram answers with the sizes it made
            message = {**message, "photo": [{"file_id": str(params["photo"])[:60], "file_unique_id": "up",
                                             "width": 90, "height": 90}], "caption": params.get("caption", "")}
            del message["text"]
        if "document" in params:
            message = {**message, "document": {"file_id": str(params["document"]), "file_unique_id": "ud"},
                       "caption": params.get("caption", "")}
            del message["text"]
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = _int_or_none(params.get("offset")) or 0
        # Never answer an empty poll at once: a client polling with timeout=0 would busy-loop.
        deadline = time.monotonic() + max(float(params.get("timeout") or 0), _EMPTY_POLL_WAIT_S)
        with self._cond:
            # Like Telegram: an offset confirms every update before it, which is then forgotten.
            self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
            self._state.waiting_polls += 1
            self._cond.notify_all()
            while not self._state.updates and not self._stopping.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            self._state.waiting_polls -= 1
            limit = _int_or_none(params.get("limit")) or 100
            return list(self._state.updates[:limit])

    def _file(self, path: str) -> bytes | None:
        # /file/bot<token>/documents/<file_id>
        with self._cond:
            return self._state.files.get(path.rsplit("/", 1)[-1])


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a handler thread stuck in a long poll never blocks the exit

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up between requests (PTB's shutdown) is normal; anything else is a bug.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _make_handler(api: FakeBotAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects

        def do_POST(self) -> None:
            self._dispatch()

        def do_GET(self) -> None:
            self._dispatch()

        def _dispatch(self) -> None:
            path = unquote(self.path.split("?")[0])  # httpx escapes the token's ":" in file URLs
            try:
                if path.startswith(f"/file/bot{api.token}/"):
                    self._send_file(path)
                elif path.startswith(f"/bot{api.token}/"):
                    self._call(path.rsplit("/", 1)[-1])
                else:
                    self._reply(404, _error(404, "Not Found"))
            except ConnectionError:
                pass  # the client went away (PTB closes its pending long poll on shutdown)

        def _call(self, method: str) -> None:
            params = decode_params(self.headers.get("Content-Type", ""), self._body())
            outcome = api._serve(method, params)
            if isinstance(outcome, _Fault):
                if outcome.kind == "delay":
                    api._stopping.wait(outcome.delay_s)
                self._drop()
                return
            self._reply(*outcome)

        def _send_file(self, path: str) -> None:
            self._body()
            data = api._file(path)
            if data is None:
                self._reply(404, _error(404, "Not Found"))
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _drop(self) -> None:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # tests read api.calls instead of a request log on stderr

    return Handler


def decode_params(content_type: str, body: bytes) -> dict[str, Any]:
    """Bot API parameters from a form-encoded, multipart or JSON body."""
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return dict(json.loads(body))
    if content_type.startswith("multipart/form-data"):
        return dict(_multipart(content_type, body))
    return {key: _value(key, raw) for key, raw in parse_qsl(body.decode(), keep_blank_values=True)}


def _multipart(content_type: str, body: bytes) -> Iterator[tuple[str, Any]]:
    head = b"Content-Type: " + content_type.encode() + b"\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename():
            yield str(name), {"file_name": part.get_filename(), "data": payload}
        else:
            yield str(name), _value(str(name), payload.decode())


def _value(key: str, raw: str) -> Any:
    if key in _STRING_FIELDS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _error(status: int, description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": status, "description": description}


def _user(user_id: int, first_name: str, language_code: str | None) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        user["language_code"] = language_code
    return user


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
