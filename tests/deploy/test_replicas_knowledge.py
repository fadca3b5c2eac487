"""Two replicas of the desk on one PostgreSQL database and one knowledge volume: each built by bot.app as a
replica builds it (its own engine, tracker, knowledge desk and Dialog; the real model), in this process. The
gaps list and the knowledge are the same through either after a change through the other."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.app import Services, build_calculator, build_retrieval, build_tracker
from bot.config import Settings
from bot.core.dialog import Dialog
from bot.retrieval.embedder import Embedder
from tests.conftest import REPO
from tests.core.conftest import ADA, ALICE, Chat
from tests.postgres import PostgresServer, postgres_server  # noqa: F401  (the session's server)

pytestmark = [pytest.mark.postgres, pytest.mark.model]

DECLINED = "Our trainers are held at the port, what do we owe as security?"  # as in test_telegram_knowledge_loop
GUARANTEE_TEXT = "Under the application route the guarantee equals the value of the goods"
ROUTE_FILE = "en/application-route.md"


def replica(settings: Settings, embedder: Embedder) -> Dialog:
    retriever, desk = build_retrieval(settings, embedder)
    return Dialog(Services(settings=settings, retriever=retriever, knowledge=desk, tracker=build_tracker(settings),
                           calculator=build_calculator(settings)))


@pytest.fixture
def replicas(
    tmp_path: Path, postgres_server: PostgresServer, real_index: Path, real_embedder: Embedder  # noqa: F811
) -> tuple[Dialog, Dialog]:
    shutil.copytree(REPO / "knowledge", tmp_path / "knowledge")
    shutil.copytree(real_index, tmp_path / "index")
    settings = Settings(_env_file=None, knowledge_dir=tmp_path / "knowledge", index_dir=tmp_path / "index",
                        database_url=postgres_server.create_database(), admin_ids=[ADA])
    return replica(settings, real_embedder), replica(settings, real_embedder)


def test_two_replicas_see_the_same_gaps_and_the_same_knowledge_after_a_change_through_either(
    replicas: tuple[Dialog, Dialog], tmp_path: Path
) -> None:
    a, b = replicas
    alice_a, ada_a, ada_b = Chat(a, ALICE, "Alice"), Chat(a, ADA, "Ada"), Chat(b, ADA, "Ada")
    before = (tmp_path / "knowledge" / ROUTE_FILE).read_bytes()
    assert GUARANTEE_TEXT not in alice_a.send(DECLINED)[0].html  # declined through A

    gaps_a, gaps_b = ada_a.send("/gaps"), ada_b.send("/gaps")
    assert [r.html for r in gaps_a] == [r.html for r in gaps_b]  # the same list through B
    assert DECLINED in gaps_b[1].html
    said = ada_b.press_label("Answered by: How much guarantee", gaps_b)  # the press through B
    assert said[0].html.startswith("1 phrasings added to “How much guarantee do I need")

    assert GUARANTEE_TEXT in alice_a.send(DECLINED)[0].html  # A answers from the entry B wrote
    assert ada_a.say("/gaps") == ada_b.say("/gaps") == "No gaps: every question was answered."
    assert ada_a.press_label("Answered by: How much guarantee", gaps_a)[0].html == (
        "Already handled by Ada: answered by an entry."
    )
    history_a = ada_a.say("/kb history application-route")
    assert history_a == ada_b.say("/kb history application-route") and "other phrasings added" in history_a

    assert ada_a.say("/kb undo application-route").startswith("application-route is back")  # undone through A
    assert (tmp_path / "knowledge" / ROUTE_FILE).read_bytes() == before
    assert GUARANTEE_TEXT not in Chat(b, ALICE, "Alice").send(DECLINED)[0].html  # and B declines it again
