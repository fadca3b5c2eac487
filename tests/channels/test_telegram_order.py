"""ChatOrderedProcessor, driven the way Application drives it: one task per update, in arrival order."""

from __future__ import annotations

import asyncio
import datetime as dt

from telegram import Chat, Message, Update

from bot.channels.telegram.order import ChatOrderedProcessor


def update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, dt.datetime.now(dt.UTC), chat, text="x"))


class Recorder:
    """Coroutines that log their start and end, and count how many run at once; one may wait for another's
    end (`after`), so "not held up" is shown by order, not by timing (a hold-up would never finish)."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.running = self.peak = 0
        self.ended: dict[str, asyncio.Event] = {}

    async def work(self, name: str, seconds: float = 0.0, *, after: str | None = None) -> None:
        self.running += 1
        self.peak = max(self.peak, self.running)
        self.log.append(f"start {name}")
        if after is not None:
            await self._end_of(after).wait()
        await asyncio.sleep(seconds)
        self.log.append(f"end {name}")
        self._end_of(name).set()
        self.running -= 1

    def _end_of(self, name: str) -> asyncio.Event:
        return self.ended.setdefault(name, asyncio.Event())


async def run_all(processor: ChatOrderedProcessor, jobs: list[tuple[Update, object]]) -> None:
    async with processor:
        tasks = [asyncio.create_task(processor.process_update(u, c)) for u, c in jobs]  # type: ignore[arg-type]
        await asyncio.wait_for(asyncio.gather(*tasks), 30)  # a job held up for good fails here


async def test_one_chat_in_order_while_another_chat_proceeds() -> None:
    rec = Recorder()
    await run_all(ChatOrderedProcessor(), [
        (update(1, 7), rec.work("a1", after="b1")),  # ends only once the other chat's b1 has
        (update(2, 7), rec.work("a2", 0.0)),
        (update(3, 8), rec.work("b1", 0.0)),
    ])
    assert rec.log.index("end a1") < rec.log.index("start a2")  # same chat: one after the other
    assert rec.log.index("end b1") < rec.log.index("end a1")  # other chat: not held up


async def test_running_updates_are_bounded() -> None:
    rec = Recorder()
    jobs = [(update(i, i), rec.work(str(i), 0.05)) for i in range(6)]
    await run_all(ChatOrderedProcessor(max_running=2), jobs)
    assert rec.peak == 2 and len(rec.log) == 12


async def test_a_busy_chat_does_not_hold_every_slot() -> None:
    rec = Recorder()
    flood = [(update(0, 7), rec.work("a0", after="b"))]  # the busy chat's first waits for the other chat
    flood += [(update(i, 7), rec.work(f"a{i}", 0.0)) for i in range(1, 10)]
    await run_all(ChatOrderedProcessor(max_running=2), [*flood, (update(99, 8), rec.work("b", 0.0))])
    assert rec.log.index("end b") < rec.log.index("start a2")
    assert [e for e in rec.log if e.startswith("start a")] == [f"start a{i}" for i in range(10)]


async def test_locks_of_idle_chats_are_dropped() -> None:
    rec = Recorder()
    processor = ChatOrderedProcessor()
    await run_all(processor, [(update(i, i % 3), rec.work(str(i), 0.01)) for i in range(9)])
    assert processor.tracked_chats() == 0


async def test_updates_without_a_chat_still_run() -> None:
    rec = Recorder()
    await run_all(ChatOrderedProcessor(), [(Update(1), rec.work("x", 0.0))])
    assert rec.log == ["start x", "end x"]
