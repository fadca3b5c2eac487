"""WeCom's server API for the application: the access token (fetched, cached, refreshed when WeCom says it
expired) and the sends: message/send to a member, appchat/send to a group chat."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

log = logging.getLogger(__name__)
DEFAULT_BASE_URL = "https://qyapi.weixin.qq.com"
TOKEN_INVALID = frozenset({40014, 42001})  # invalid access_token, access_token expired
# Frequency limits (API calls, messages to one member) and "system busy": worth another try later.
RETRY_LATER = frozenset({45009, 45033, -1})
TOKEN_MARGIN_S = 300.0  # refresh this long before WeCom's expires_in runs out
NO_ANSWER = -99  # not a WeCom code: the network failed, or the answer was not WeCom's JSON


class WeComError(RuntimeError):
    """WeCom answered an errcode other than 0 (or did not answer): `retryable` when a later try may work."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"WeCom errcode {errcode}: {errmsg}")
        self.errcode, self.errmsg = errcode, errmsg

    @property
    def retryable(self) -> bool:
        return self.errcode in RETRY_LATER or self.errcode in TOKEN_INVALID or self.errcode == NO_ANSWER


class WeComClient:
    """One application's client: corp id, secret and agent id; one access token shared by all sends."""

    def __init__(
        self, *, corp_id: str, secret: str, agent_id: int, base_url: str = DEFAULT_BASE_URL,
        timeout_s: float = 10.0, clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.corp_id, self._secret, self.agent_id = corp_id, secret, agent_id
        # httpx logs every request URL at INFO: message/send's carries the access token, gettoken's the secret.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        self._http = httpx.AsyncClient(base_url=base_url.rstrip("/"), timeout=timeout_s)
        self._clock = clock
        self._token: str | None = None
        self._token_until = 0.0
        self._token_lock = asyncio.Lock()

    async def close(self) -> None:
        await self._http.aclose()

    async def send_to_user(self, user: str, message: dict[str, Any]) -> None:
        """message/send to one member; `message` holds msgtype and its body (text or template_card)."""
        await self.call("/cgi-bin/message/send", {"touser": user, "agentid": self.agent_id, **message})

    async def send_to_chat(self, chat_id: str, content: str) -> None:
        """appchat/send: a text to a group chat the application made."""
        await self.call("/cgi-bin/appchat/send", {"chatid": chat_id, "msgtype": "text", "text": {"content": content}})

    async def call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST with the access token; an invalid or expired token is fetched anew once and the call retried."""
        answer = await self._post(path, body, await self._access_token())
        if answer.get("errcode") in TOKEN_INVALID:
            log.info("WeCom: access token refused (%s); fetching a new one", answer.get("errcode"))
            answer = await self._post(path, body, await self._access_token(refresh=True))
        _check(answer)
        return answer

    async def _post(self, path: str, body: dict[str, Any], token: str) -> dict[str, Any]:
        try:
            response = await self._http.post(path, params={"access_token": token}, json=body)
            response.raise_for_status()
            answer = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise WeComError(NO_ANSWER, f"no answer: {type(exc).__name__}") from exc
        return answer if isinstance(answer, dict) else {"errcode": NO_ANSWER, "errmsg": "not a JSON object"}

    async def _access_token(self, *, refresh: bool = False) -> str:
        async with self._token_lock:  # one fetch for all the sends that find the token gone
            if refresh:
                self._token = None
            if self._token is None or self._clock() >= self._token_until:
                await self._fetch_token()
            assert self._token is not None
            return self._token

    async def _fetch_token(self) -> None:
        try:
            response = await self._http.get(
                "/cgi-bin/gettoken", params={"corpid": self.corp_id, "corpsecret": self._secret}
            )
            answer = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise WeComError(NO_ANSWER, f"gettoken: no answer: {type(exc).__name__}") from exc
        _check(answer)
        self._token = str(answer["access_token"])
        expires_in = float(answer.get("expires_in", 7200))
        self._token_until = self._clock() + max(0.0, expires_in - TOKEN_MARGIN_S)


def _check(answer: dict[str, Any]) -> None:
    code = answer.get("errcode", 0)
    if code not in (0, None):
        raise WeComError(int(code), str(answer.get("errmsg", "")))
