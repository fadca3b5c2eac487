"""WeCom's callback security, by wechatpy: the SHA1 signature over the sorted token, timestamp, nonce and
ciphertext, and AES-256-CBC with the app's EncodingAESKey (the corp id inside each message is checked)."""

from __future__ import annotations

import secrets
import time
from typing import Any

from wechatpy.enterprise.crypto import WeChatCrypto
from wechatpy.enterprise.exceptions import InvalidCorpIdException
from wechatpy.exceptions import InvalidSignatureException


class BadSignature(ValueError):
    """The signature does not match (or the message is not for this corp): answered 403, nothing stored."""


class BadMessage(ValueError):
    """The body is not a WeCom callback at all (no XML, no ciphertext, not decryptable)."""


class CallbackCrypto:
    """Checks and opens callbacks for one application (token, EncodingAESKey, corp id)."""

    def __init__(self, token: str, aes_key: str, corp_id: str) -> None:
        try:
            self._crypto = WeChatCrypto(token, aes_key, corp_id)
        except (AssertionError, ValueError) as exc:  # wechatpy asserts a 32-byte key
            raise ValueError("IPRDESK_WECOM_AES_KEY must be the 43-character EncodingAESKey") from exc

    def check_url(self, signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """WeCom's URL check (GET): the decrypted echostr when the signature holds."""
        return self._open(self._crypto.check_signature, signature, timestamp, nonce, echostr)

    def decrypt(self, body: str, signature: str, timestamp: str, nonce: str) -> str:
        """The plaintext XML of a POSTed callback."""
        return self._open(self._crypto.decrypt_message, body, signature, timestamp, nonce)

    def encrypt(self, xml: str, *, nonce: str | None = None, timestamp: str | None = None) -> str:
        """A callback body as WeCom sends one (the tests' fake server builds its callbacks with this)."""
        nonce = nonce or secrets.token_hex(8)
        timestamp = timestamp or str(int(time.time()))
        return str(self._crypto.encrypt_message(xml, nonce, timestamp))

    @staticmethod
    def _open(opener: Any, *args: str) -> str:
        try:
            return str(opener(*args))
        except (InvalidSignatureException, InvalidCorpIdException) as exc:
            raise BadSignature(type(exc).__name__) from exc
        except Exception as exc:  # noqa: BLE001 - malformed XML, base64 or padding: all "not a callback"
            raise BadMessage(type(exc).__name__) from exc
