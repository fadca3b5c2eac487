"""The WeCom callback's crypto against WeCom's documented algorithm, written out here with `cryptography`
(independent of wechatpy), and the XML reading of what it decrypts."""

from __future__ import annotations

import base64
import hashlib
import os
import struct

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from bot.channels.wecom.crypto import BadMessage, BadSignature, CallbackCrypto
from bot.channels.wecom.inbound import BUTTON, OTHER, TEXT, parse
from tests.fakes.wecom_api import AES_KEY, CORP_ID, TOKEN, FakeWeComAPI


def documented_encrypt(plain: str, corp_id: str = CORP_ID) -> str:
    """WeCom's message encryption by its documentation: AES-256-CBC, key = base64(EncodingAESKey + "="),
    IV = key[:16], PKCS#7 to 32 bytes, over 16 random bytes + 4-byte length + message + corp id."""
    key = base64.b64decode(AES_KEY + "=")
    message = plain.encode()
    raw = os.urandom(16) + struct.pack(">I", len(message)) + message + corp_id.encode()
    pad = 32 - len(raw) % 32
    raw += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(raw) + encryptor.finalize()).decode()


def documented_signature(timestamp: str, nonce: str, encrypt: str) -> str:
    return hashlib.sha1("".join(sorted([TOKEN, timestamp, nonce, encrypt])).encode()).hexdigest()


def envelope(encrypt: str) -> str:
    return f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"


@pytest.fixture
def crypto() -> CallbackCrypto:
    return CallbackCrypto(TOKEN, AES_KEY, CORP_ID)


def test_a_callback_encrypted_as_documented_is_opened(crypto: CallbackCrypto) -> None:
    encrypt = documented_encrypt("<xml><Content>你好</Content></xml>")
    signature = documented_signature("1700000000", "n0nce", encrypt)

    assert crypto.decrypt(envelope(encrypt), signature, "1700000000", "n0nce") == "<xml><Content>你好</Content></xml>"


def test_the_url_check_echoes_the_decrypted_echostr(crypto: CallbackCrypto) -> None:
    encrypt = documented_encrypt("echo-42")

    assert crypto.check_url(documented_signature("1", "n", encrypt), "1", "n", encrypt) == "echo-42"


def test_round_trip_through_the_fakes_encryption(crypto: CallbackCrypto) -> None:
    query, body = FakeWeComAPI().encrypted("<xml><MsgType>text</MsgType></xml>")

    opened = crypto.decrypt(body.decode(), query["msg_signature"], query["timestamp"], query["nonce"])
    assert opened == "<xml><MsgType>text</MsgType></xml>"


def test_a_wrong_signature_is_refused(crypto: CallbackCrypto) -> None:
    encrypt = documented_encrypt("<xml/>")
    wrong = documented_signature("1", "n", encrypt)[::-1]

    with pytest.raises(BadSignature):
        crypto.decrypt(envelope(encrypt), wrong, "1", "n")
    with pytest.raises(BadSignature):
        crypto.check_url(wrong, "1", "n", encrypt)


def test_a_message_for_another_corp_is_refused(crypto: CallbackCrypto) -> None:
    encrypt = documented_encrypt("<xml/>", corp_id="wwsomeoneelse")

    with pytest.raises(BadSignature):
        crypto.decrypt(envelope(encrypt), documented_signature("1", "n", encrypt), "1", "n")


@pytest.mark.parametrize("body", ["not xml at all", "<xml><Encrypt>", "<xml><Nothing/></xml>", ""])
def test_a_body_that_is_no_callback_is_a_bad_message(crypto: CallbackCrypto, body: str) -> None:
    with pytest.raises((BadMessage, BadSignature)):
        crypto.decrypt(body, "0" * 40, "1", "n")


def test_a_key_that_is_not_an_encoding_aes_key_is_said_at_once() -> None:
    with pytest.raises(ValueError, match="EncodingAESKey"):
        CallbackCrypto(TOKEN, "short", CORP_ID)


def test_text_button_and_other_callbacks_are_read() -> None:
    fake = FakeWeComAPI()

    text = parse(fake.text_xml("zhangsan", "海关备案 <多少钱>", msg_id=77))
    button = parse(fake.button_xml("lisi", "take:12"))
    image = parse(fake.image_xml("wangwu"))

    assert text is not None and (text.kind, text.user, text.text, text.dedupe) == (
        TEXT, "zhangsan", "海关备案 <多少钱>", "msg:77")
    assert button is not None and (button.kind, button.user, button.key) == (BUTTON, "lisi", "take:12")
    assert image is not None and (image.kind, image.what) == (OTHER, "image")


def test_a_repeated_event_has_the_same_key_and_another_press_another() -> None:
    fake = FakeWeComAPI()
    xml = fake.button_xml("lisi", "take:12")

    first, again, other = parse(xml), parse(xml), parse(fake.button_xml("lisi", "take:12"))
    assert first is not None and again is not None and other is not None
    assert first.dedupe == again.dedupe != other.dedupe


@pytest.mark.parametrize(
    "xml",
    [
        "<xml><MsgType>text</MsgType",  # cut off
        "<xml><MsgType>text</MsgType><Content>hi</Content></xml>",  # no sender
        '<!DOCTYPE x [<!ENTITY e "boom">]><xml><FromUserName>&e;</FromUserName><MsgType>text</MsgType></xml>',
        "<other/>",
        "<xml>just text</xml>",
    ],
)
def test_xml_that_is_not_a_members_message_is_none(xml: str) -> None:
    assert parse(xml) is None
