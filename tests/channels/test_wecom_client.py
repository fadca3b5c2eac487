"""The WeCom API client against the fake server: one token for many sends, a new one when WeCom says it
expired, rate limits reported as retryable, a bad secret not."""

from __future__ import annotations

import pytest

from bot.channels.wecom.client import WeComClient, WeComError
from tests.fakes.wecom_api import FakeWeComAPI


def client(wecom: FakeWeComAPI, secret: str | None = None) -> WeComClient:
    return WeComClient(corp_id=wecom.corp_id, secret=secret or wecom.secret, agent_id=wecom.agent_id,
                       base_url=wecom.base_url)


async def test_the_token_is_fetched_once_and_again_only_when_it_expired() -> None:
    with FakeWeComAPI() as wecom:
        api = client(wecom)
        await api.send_to_user("zhangsan", {"msgtype": "text", "text": {"content": "一"}})
        await api.send_to_user("zhangsan", {"msgtype": "text", "text": {"content": "二"}})
        assert wecom.token_calls == 1

        wecom.expire_token()
        await api.send_to_user("zhangsan", {"msgtype": "text", "text": {"content": "三"}})
        await api.close()

    assert wecom.token_calls == 2
    assert [m.text for m in wecom.messages("zhangsan")] == ["一", "二", "三"]
    assert [c.errcode for c in wecom.calls()] == [0, 0, 42001, 0]


async def test_a_rate_limit_is_retryable_and_a_bad_secret_is_not() -> None:
    with FakeWeComAPI() as wecom:
        api = client(wecom)
        wecom.fail_next_sends(45009)
        with pytest.raises(WeComError) as limited:
            await api.send_to_chat("wrGroup", "hello")
        await api.close()
        wrong = client(wecom, secret="wrong")
        with pytest.raises(WeComError) as refused:
            await wrong.send_to_user("zhangsan", {"msgtype": "text", "text": {"content": "x"}})
        await wrong.close()

    assert limited.value.errcode == 45009 and limited.value.retryable
    assert refused.value.errcode == 40001 and not refused.value.retryable
    assert wecom.messages("wrGroup") == []
