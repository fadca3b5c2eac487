"""A fake WeCom (企业微信) server API on 127.0.0.1, and the callbacks WeCom would POST at the bot: the real
bot fetches its token and sends here, tests read what it sent and make WeCom's errors happen. Stdlib HTTP
(ThreadingHTTPServer in a background thread), like tests/fakes/bot_api.py.

    with FakeWeComAPI() as wecom:
        env["IPRDESK_WECOM_API_BASE_URL"] = wecom.base_url      # plus wecom.settings_env()
        wecom.post_callback(url, wecom.text_xml("zhangsan", "你好"))
        [reply] = wecom.wait_for_messages("zhangsan", 1)

Faults answer *instead of* the call (recorded, no effect), so after one a retry is the only delivery. A held
send (`hold_next_send`) keeps its caller waiting until `release` (a test kills the bot meanwhile); it is then
recorded as HELD, never as delivered.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from bot.channels.wecom.crypto import CallbackCrypto
from tests.fakes.waiting import wait_on

CORP_ID = "ww0123456789abcdef"
SECRET = "fake-wecom-secret-not-real"
AGENT_ID = 1000002
TOKEN = "fakeCallbackToken"
AES_KEY = base64.b64encode(bytes(range(32))).decode().rstrip("=")  # 43 characters, as WeCom shows it
HELD = -1000  # not a WeCom code: the errcode recorded for a send held until its caller was gone


@dataclass(frozen=True)
class Sent:
    """One call the bot made to message/send or appchat/send, and how the fake answered it."""

    path: str
    body: dict[str, Any]
    errcode: int

    @property
    def to(self) -> str:
        return str(self.body.get("touser") or self.body.get("chatid") or "")

    @property
    def text(self) -> str:
        """The text shown: a text's content, or a card's title and sub-title."""
        if self.body.get("msgtype") == "text":
            return str(self.body["text"]["content"])
        card = self.body.get("template_card", {})
        return "\n".join(filter(None, [card.get("main_title", {}).get("title"), card.get("sub_title_text")]))

    @property
    def keys(self) -> list[str]:
        """A card's button keys (the core's button data)."""
        return [b["key"] for b in self.body.get("template_card", {}).get("button_list", [])]


@dataclass
class _State:
    tokens: set[str] = field(default_factory=set)
    token_calls: int = 0
    calls: list[Sent] = field(default_factory=list)
    faults: list[int] = field(default_factory=list)  # errcodes the next sends answer, in order
    expire: bool = False  # the next send finds every token expired (42001)
    hold_for: str | None = None  # the next message/send to this member waits for `release`
    holding: bool = False  # a send is being held now


class FakeWeComAPI:
    def __init__(self) -> None:
        self.corp_id, self.secret, self.agent_id, self.token, self.aes_key = CORP_ID, SECRET, AGENT_ID, TOKEN, AES_KEY
        self.crypto = CallbackCrypto(TOKEN, AES_KEY, CORP_ID)
        self._state = _State()
        self._cond = threading.Condition()
        self._ids = itertools.count(10_000_000)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._released = threading.Event()

    def __enter__(self) -> FakeWeComAPI:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(5)

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def settings_env(self) -> dict[str, str]:
        """The IPRDESK_WECOM_* settings that point a bot at this fake."""
        return {
            "IPRDESK_WECOM_CORP_ID": self.corp_id, "IPRDESK_WECOM_AGENT_ID": str(self.agent_id),
            "IPRDESK_WECOM_SECRET": self.secret, "IPRDESK_WECOM_TOKEN": self.token,
            "IPRDESK_WECOM_AES_KEY": self.aes_key, "IPRDESK_WECOM_API_BASE_URL": self.base_url,
        }

    # -- faults ------------------------------------------------------------------------------------------

    def expire_token(self) -> None:
        """The next send finds its token expired (errcode 42001); a fresh gettoken works again."""
        with self._cond:
            self._state.expire = True

    def fail_next_sends(self, *errcodes: int) -> None:
        """The next sends answer these errcodes, one each (45009: API rate limit; 45033; -1: busy)."""
        with self._cond:
            self._state.faults.extend(errcodes)

    def hold_next_send(self, to: str) -> None:
        """The next message/send to `to` gets no answer until `release` (then HELD, not delivered)."""
        with self._cond:
            self._state.hold_for = to
            self._released.clear()

    def release(self) -> None:
        self._released.set()

    @property
    def holding(self) -> bool:
        """A send is waiting for `release` (the bot is inside it)."""
        with self._cond:
            return self._state.holding

    # -- what the bot did --------------------------------------------------------------------------------

    @property
    def token_calls(self) -> int:
        with self._cond:
            return self._state.token_calls

    def calls(self) -> list[Sent]:
        with self._cond:
            return list(self._state.calls)

    def messages(self, to: str) -> list[Sent]:
        """The sends WeCom accepted for a member (touser) or a group chat (chatid), in order."""
        return [c for c in self.calls() if c.errcode == 0 and c.to == to]

    def wait_for_messages(self, to: str, n: int, timeout: float = 30) -> list[Sent]:
        self.wait_until(lambda: len(self.messages(to)) >= n, timeout, f"{n} messages to {to}")
        return self.messages(to)

    def wait_for_text(self, to: str, predicate: Callable[[str], bool], timeout: float = 30) -> Sent:
        """The first message to `to` whose text matches, waiting for it."""
        self.wait_until(lambda: any(predicate(m.text) for m in self.messages(to)), timeout, f"a message to {to}")
        return next(m for m in self.messages(to) if predicate(m.text))

    def wait_until(self, predicate: Callable[[], bool], timeout: float, what: str = "condition") -> None:
        """Wait on the fake's own events (every call notifies), never a fixed sleep."""
        wait_on(self._cond, predicate, timeout, lambda: f"timed out waiting for {what}; sent: {self._state.calls!r}",
                recheck_s=0.5)

    # -- callbacks, as WeCom posts them ----------------------------------------------------------------------

    def text_xml(self, user: str, content: str, *, msg_id: int | None = None) -> str:
        msg_id = next(self._ids) if msg_id is None else msg_id
        return self._xml(user, "text", f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId>")

    def image_xml(self, user: str) -> str:
        return self._xml(user, "image", f"<PicUrl><![CDATA[http://x/p.jpg]]></PicUrl><MsgId>{next(self._ids)}</MsgId>")

    def button_xml(self, user: str, key: str) -> str:
        """A press on a template card's button (event template_card_event, EventKey = the button's key)."""
        event = (
            "<Event><![CDATA[template_card_event]]></Event>"
            f"<EventKey><![CDATA[{key}]]></EventKey><TaskId><![CDATA[{secrets.token_hex(8)}]]></TaskId>"
            "<CardType><![CDATA[button_interaction]]></CardType>"
        )
        return self._xml(user, "event", event, created=next(self._ids))

    def _xml(self, user: str, kind: str, inner: str, *, created: int | None = None) -> str:
        return (
            f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
            f"<CreateTime>{created or int(time.time())}</CreateTime><MsgType><![CDATA[{kind}]]></MsgType>"
            f"{inner}<AgentID>{self.agent_id}</AgentID></xml>"
        )

    def encrypted(self, xml: str) -> tuple[dict[str, str], bytes]:
        """The query and body WeCom would POST for this plaintext: encrypted, signed."""
        nonce, timestamp = secrets.token_hex(6), str(int(time.time()))
        envelope = self.crypto.encrypt(xml, nonce=nonce, timestamp=timestamp)
        signature = _between(envelope, "<MsgSignature><![CDATA[", "]]>")
        encrypt = _between(envelope, "<Encrypt><![CDATA[", "]]>")
        body = (
            f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt>"
            f"<AgentID><![CDATA[{self.agent_id}]]></AgentID></xml>"
        )
        query = {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce}
        return query, body.encode()

    def post_callback(self, url: str, xml: str) -> tuple[int, str]:
        """POST this plaintext to the bot as WeCom would (encrypted, signed); (status, body)."""
        query, body = self.encrypted(xml)
        return self.post_raw(url, query, body)

    def post_raw(self, url: str, query: dict[str, str], body: bytes) -> tuple[int, str]:
        request = urllib.request.Request(f"{url}?{urlencode(query)}", data=body, method="POST")
        return _open(request)

    def url_check(self, url: str, echo: str = "echo-1234") -> tuple[int, str]:
        """WeCom's check of the callback URL (GET with an encrypted echostr)."""
        nonce, timestamp = secrets.token_hex(6), str(int(time.time()))
        envelope = self.crypto.encrypt(echo, nonce=nonce, timestamp=timestamp)
        encrypt = _between(envelope, "<Encrypt><![CDATA[", "]]>")
        signature = hashlib.sha1("".join(sorted([self.token, timestamp, nonce, encrypt])).encode()).hexdigest()
        query = {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce, "echostr": encrypt}
        return _open(urllib.request.Request(f"{url}?{urlencode(query)}"))

    # -- serving -----------------------------------------------------------------------------------------

    def _gettoken(self, query: dict[str, str]) -> dict[str, Any]:
        with self._cond:
            self._state.token_calls += 1
            if query.get("corpid") != self.corp_id or query.get("corpsecret") != self.secret:
                return {"errcode": 40001, "errmsg": "invalid credential"}
            token = secrets.token_hex(16)
            self._state.tokens.add(token)
            self._cond.notify_all()
            return {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200}

    def _send(self, path: str, query: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            held = self._state.hold_for is not None and self._state.hold_for == body.get("touser")
            if held:
                self._state.hold_for, self._state.holding = None, True
                self._cond.notify_all()
        if held:
            self._released.wait(300)
            with self._cond:
                self._state.holding = False
                self._state.calls.append(Sent(path, body, HELD))
                self._cond.notify_all()
            return {"errcode": HELD, "errmsg": "held"}
        with self._cond:
            state = self._state
            if state.expire:
                state.expire, state.tokens = False, set()
            if query.get("access_token") not in state.tokens:
                errcode = 42001
            elif state.faults:
                errcode = state.faults.pop(0)
            else:
                errcode = 0
            state.calls.append(Sent(path, body, errcode))
            self._cond.notify_all()
        return {"errcode": errcode, "errmsg": "ok" if errcode == 0 else "fake error", "msgid": secrets.token_hex(8)}


def _between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def _open(request: urllib.request.Request) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return int(error.code), error.read().decode()


def _handler(api: FakeWeComAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            if parts.path == "/cgi-bin/gettoken":
                self._reply(api._gettoken(query))
            else:
                self._reply({"errcode": 404, "errmsg": "no such API"}, status=404)

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if parts.path in ("/cgi-bin/message/send", "/cgi-bin/appchat/send"):
                self._reply(api._send(parts.path, query, body))
            else:
                self._reply({"errcode": 404, "errmsg": "no such API"}, status=404)

        def _reply(self, body: dict[str, Any], status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a held send's killed caller
                self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
