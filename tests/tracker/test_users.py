"""Users, roles and enterprises: first contact, languages, who may grant what, the last admin."""

from __future__ import annotations

import pytest

from bot.tracker.errors import Forbidden, Invalid, NotFound
from bot.tracker.service import Tracker
from bot.tracker.values import NoticeKind, Role
from tests.tracker.scene import People, drain


def test_first_contact_creates_an_enterprise_user_with_a_telegram_sized_id(tracker: Tracker) -> None:
    user = tracker.ensure_user(user_id=8_123_456_789, name="  Li   Wei ", language="zh-hans")
    assert (user.id, user.name, user.language, user.role, user.enterprise_name) == (
        8_123_456_789, "Li Wei", "zh", Role.ENTERPRISE, None,
    )  # fmt: skip
    assert tracker.get_user(user_id=8_123_456_789) == user


def test_ensure_user_refreshes_the_name_and_keeps_the_language_unless_given(tracker: Tracker) -> None:
    tracker.ensure_user(user_id=10, name="Old", language="zh")
    assert tracker.ensure_user(user_id=10, name="New").language == "zh"
    assert tracker.ensure_user(user_id=10, name="New", language="ru").language == "zh"  # not one we speak
    user = tracker.ensure_user(user_id=10, name="Newer", language="en-US")
    assert (user.name, user.language) == ("Newer", "en")


def test_a_user_without_a_name_is_shown_by_id(tracker: Tracker) -> None:
    assert tracker.ensure_user(user_id=11, name="   ").name == "11"


def test_get_user_of_a_stranger_is_none(tracker: Tracker) -> None:
    assert tracker.get_user(user_id=12) is None


def test_set_language_accepts_our_two_languages_and_none(tracker: Tracker) -> None:
    tracker.ensure_user(user_id=13, name="Lang", language="en")
    tracker.set_language(user_id=13, language="zh")
    assert tracker.get_user(user_id=13).language == "zh"  # type: ignore[union-attr]
    tracker.set_language(user_id=13, language=None)
    assert tracker.get_user(user_id=13).language is None  # type: ignore[union-attr]
    with pytest.raises(Invalid) as error:
        tracker.set_language(user_id=13, language="fr")
    assert error.value.params["field"] == "language"


def test_set_language_of_a_stranger_is_not_found(tracker: Tracker) -> None:
    with pytest.raises(NotFound):
        tracker.set_language(user_id=14, language="en")


def test_command_line_grants_a_role_to_someone_who_never_wrote(tracker: Tracker, people: People) -> None:
    user = tracker.grant_role(actor_id=None, user_id=people.stranger, role="officer")
    assert user.role == Role.OFFICER
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.kind, notice.payload, notice.lang) == (
        people.stranger, NoticeKind.ROLE_GRANTED, {"role": "officer"}, "en",
    )  # fmt: skip
    assert tracker.ensure_user(user_id=people.stranger, name="Now Here").role == Role.OFFICER


def test_admin_grants_and_revokes_the_officer_role(tracker: Tracker, people: People) -> None:
    tracker.grant_role(actor_id=people.admin, user_id=people.alice, role=Role.OFFICER)
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.lang, notice.payload) == (people.alice, "zh", {"role": "officer"})
    assert tracker.revoke_role(actor_id=people.admin, user_id=people.alice).role == Role.ENTERPRISE
    assert drain(tracker) == []  # granting is announced; losing a role is not


def test_granting_the_same_role_again_sends_no_second_notice(tracker: Tracker, people: People) -> None:
    tracker.grant_role(actor_id=people.admin, user_id=people.officer, role=Role.OFFICER)
    assert drain(tracker) == []


@pytest.mark.parametrize("granter", ["officer", "alice", "stranger"])
def test_only_admins_grant_roles(tracker: Tracker, people: People, granter: str) -> None:
    with pytest.raises(Forbidden):
        tracker.grant_role(actor_id=getattr(people, granter), user_id=people.bob, role=Role.ADMIN)
    with pytest.raises(Forbidden):
        tracker.revoke_role(actor_id=getattr(people, granter), user_id=people.officer)
    assert tracker.get_user(user_id=people.bob).role == Role.ENTERPRISE  # type: ignore[union-attr]


def test_an_unknown_role_is_invalid(tracker: Tracker, people: People) -> None:
    with pytest.raises(Invalid) as error:
        tracker.grant_role(actor_id=people.admin, user_id=people.bob, role="superuser")
    assert error.value.params == {"field": "role"}


def test_an_admin_cannot_revoke_the_last_admin(tracker: Tracker, people: People) -> None:
    with pytest.raises(Forbidden):
        tracker.revoke_role(actor_id=people.admin, user_id=people.admin)
    with pytest.raises(Forbidden):
        tracker.grant_role(actor_id=people.admin, user_id=people.admin, role=Role.OFFICER)
    tracker.grant_role(actor_id=people.admin, user_id=people.officer, role=Role.ADMIN)
    assert tracker.revoke_role(actor_id=people.officer, user_id=people.admin).role == Role.ENTERPRISE


def test_the_command_line_may_revoke_the_last_admin(tracker: Tracker, people: People) -> None:
    assert tracker.revoke_role(actor_id=None, user_id=people.admin).role == Role.ENTERPRISE


def test_bootstrap_admins_makes_configured_ids_admins_quietly_and_repeatably(tracker: Tracker) -> None:
    tracker.bootstrap_admins([900, 7_000_000_900])
    tracker.bootstrap_admins([900, 7_000_000_900])
    assert {tracker.get_user(user_id=i).role for i in (900, 7_000_000_900)} == {Role.ADMIN}  # type: ignore[union-attr]
    assert tracker.pending_count() == 0


def test_a_configured_admin_is_seeded_once_so_a_revoke_sticks_across_restarts(tracker: Tracker) -> None:
    tracker.bootstrap_admins([900])
    tracker.revoke_role(actor_id=None, user_id=900)
    tracker.bootstrap_admins([900, 901])  # the next start, with one more id configured
    assert tracker.get_user(user_id=900).role == Role.ENTERPRISE  # type: ignore[union-attr]
    assert tracker.get_user(user_id=901).role == Role.ADMIN  # type: ignore[union-attr]


def test_users_with_the_same_credit_code_share_an_enterprise(tracker: Tracker, people: People) -> None:
    user = tracker.set_enterprise(user_id=people.carol, name="Another Name", credit_code="91310000ma1fl8xq30")
    assert user.enterprise_name == "Brand Holder Ltd"


def test_users_naming_the_same_enterprise_share_it(tracker: Tracker, people: People) -> None:
    user = tracker.set_enterprise(user_id=people.carol, name="ACME trading", kind="agent")
    assert user.enterprise_name == "Acme Trading"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"name": "X", "credit_code": "123"}, "credit_code"),
        ({"name": "X", "credit_code": "91310000MA1FL8XQ3O"}, "credit_code"),  # letter O is not allowed
        ({"name": "   "}, "name"),
        ({"name": "X" * 201}, "name"),
        ({"name": "X", "kind": "smuggler"}, "kind"),
    ],
)
def test_bad_enterprise_details_are_invalid(
    tracker: Tracker, people: People, arguments: dict[str, str], field: str
) -> None:
    with pytest.raises(Invalid) as error:
        tracker.set_enterprise(user_id=people.carol, **arguments)
    assert error.value.params["field"] == field


def test_set_enterprise_of_a_stranger_is_not_found(tracker: Tracker, people: People) -> None:
    with pytest.raises(NotFound):
        tracker.set_enterprise(user_id=people.stranger, name="Ghost Ltd")


def test_users_with_role_lists_staff_to_staff_and_enterprise_users_to_admins(
    tracker: Tracker, people: People
) -> None:
    staff = tracker.users_with_role(actor_id=people.admin)
    assert [(u.role, u.id) for u in staff] == [
        (Role.ADMIN, people.admin), (Role.OFFICER, people.officer2), (Role.OFFICER, people.officer),
    ]  # fmt: skip  (by role, then name: "Officer Olga" before "Officer Oscar")
    officers = tracker.users_with_role(actor_id=people.admin, role="officer")
    assert {u.id for u in officers} == {people.officer, people.officer2}
    with pytest.raises(Invalid):
        tracker.users_with_role(actor_id=people.admin, role="boss")
    assert tracker.users_with_role(actor_id=people.officer) == staff
    assert {u.id for u in tracker.users_with_role(actor_id=people.admin, role="enterprise")} >= {people.bob}
    with pytest.raises(Forbidden):
        tracker.users_with_role(actor_id=people.officer, role="enterprise")
    with pytest.raises(Forbidden):
        tracker.users_with_role(actor_id=people.bob)
