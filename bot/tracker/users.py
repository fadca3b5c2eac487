"""Users, their roles and their enterprises."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func
from sqlmodel import col, select

from bot.tracker.access import load_admin, load_staff
from bot.tracker.errors import Forbidden, NotFound
from bot.tracker.models import Enterprise, JobRun, User
from bot.tracker.notices import RoleGranted
from bot.tracker.officer import hand_back
from bot.tracker.outbox import notify_user
from bot.tracker.unit import Unit
from bot.tracker.validation import (
    clean_text,
    display_name,
    language_of,
    parse_credit_code,
    parse_enum,
    parse_language,
)
from bot.tracker.values import NAME_MAX, STAFF, TEXT_MAX, EnterpriseKind, Role, UserView
from bot.tracker.views import user_view


def _get_or_create(unit: Unit, user_id: int, name: str | None = None) -> User:
    """The user, created as an enterprise if new. ON CONFLICT: two first messages at once both succeed."""
    unit.session.exec(
        unit.insert(User)
        .values(id=user_id, name=display_name(name, user_id, NAME_MAX), role=Role.ENTERPRISE.value)
        .on_conflict_do_nothing(index_elements=["id"])
    )
    user = unit.session.get(User, user_id, populate_existing=True)
    assert user is not None
    return user


def _contact_values(user: User, user_id: int, name: str, language: str | None) -> tuple[str, str | None]:
    """(name, language) the user has after a contact: the name fresh, the language kept unless one is given."""
    return display_name(name, user_id, NAME_MAX), language_of(language) or user.language


def ensure_user(unit: Unit, *, user_id: int, name: str, language: str | None) -> UserView:
    """Called on every contact: keeps the name fresh, and the language unless a known one is given."""
    user = _get_or_create(unit, user_id, name)
    user.name, user.language = _contact_values(user, user_id, name, language)
    unit.session.flush()
    return user_view(unit.session, user)


def unchanged_user(unit: Unit, *, user_id: int, name: str, language: str | None) -> UserView | None:
    """The user when ensure_user would change nothing, else None (new, renamed or another language)."""
    user = unit.session.get(User, user_id)
    if user is None or _contact_values(user, user_id, name, language) != (user.name, user.language):
        return None
    return user_view(unit.session, user)


def get_user(unit: Unit, *, user_id: int) -> UserView | None:
    user = unit.session.get(User, user_id)
    return user_view(unit.session, user) if user else None


def set_language(unit: Unit, *, user_id: int, language: str | None) -> None:
    user = unit.session.get(User, user_id)
    if user is None:
        raise NotFound.user(user_id)
    user.language = parse_language(language)


def change_role(unit: Unit, *, actor_id: int | None, user_id: int, role: Role | str) -> UserView:
    """Give `user_id` a role; `actor_id` None is the trusted command line, anyone else must be an admin."""
    new_role = parse_enum(Role, role, field="role")
    if actor_id is not None:
        load_admin(unit, actor_id)
    user = _get_or_create(unit, user_id)  # officers are often named before they ever write to the bot
    if user.role == new_role:
        return user_view(unit.session, user)
    if actor_id is not None and user.role == Role.ADMIN:
        _keep_an_admin(unit)
    was_staff = user.role in STAFF
    user.role = new_role.value
    if was_staff and new_role not in STAFF:
        hand_back(unit, user, actor_id)
    if new_role != Role.ENTERPRISE:
        notify_user(unit, user, RoleGranted(role=new_role.value))
    unit.session.flush()
    return user_view(unit.session, user)


def users_with_role(unit: Unit, *, actor_id: int, role: Role | str | None, limit: int) -> list[UserView]:
    """The users holding `role`, or every officer and admin when None; by role, then name. Staff may list
    staff (to hand an item over); only admins may list enterprise users."""
    if role is not None and parse_enum(Role, role, field="role") == Role.ENTERPRISE:
        load_admin(unit, actor_id)
    else:
        load_staff(unit, actor_id)
    roles = [parse_enum(Role, role, field="role").value] if role else [Role.ADMIN.value, Role.OFFICER.value]
    query = select(User).where(col(User.role).in_(roles))
    found = unit.session.exec(query.order_by(col(User.role), col(User.name), col(User.id)).limit(limit)).all()
    return [user_view(unit.session, user) for user in found]


def _keep_an_admin(unit: Unit) -> None:
    """Forbidden when the admin about to lose the role is the last one (FOR UPDATE: two admins demoting
    each other at once on PostgreSQL are serialised, so one of them stays)."""
    admins = unit.session.exec(select(User.id).where(User.role == Role.ADMIN.value).with_for_update()).all()
    if len(admins) <= 1:
        raise Forbidden("The last administrator cannot lose the role.", reason="last_admin")


def bootstrap_admins(unit: Unit, ids: Iterable[int]) -> None:
    """Make the configured ids admins, each once (quietly: no notices): an id seeded before is left as it
    is, so a later /revoke sticks across restarts. A job_run row per id remembers the seeding."""
    for user_id in ids:
        seeded = unit.session.exec(
            unit.insert(JobRun)
            .values(name=f"seed_admin:{user_id}", last_run_at=unit.now)
            .on_conflict_do_nothing(index_elements=["name"])
            .returning(col(JobRun.name))
        )
        if seeded.first() is not None:
            _get_or_create(unit, user_id).role = Role.ADMIN.value


def set_enterprise(
    unit: Unit,
    *,
    user_id: int,
    name: str,
    kind: EnterpriseKind | str,
    credit_code: str | None,
    recordation_numbers: str | None,
) -> UserView:
    """Attach the user to the enterprise with this credit code (or, without one, this name), creating it."""
    user = unit.session.get(User, user_id)
    if user is None:
        raise NotFound.user(user_id)
    enterprise = _find_or_create_enterprise(
        unit, clean_text(name, field="name", limit=NAME_MAX), parse_credit_code(credit_code)
    )
    enterprise.kind = parse_enum(EnterpriseKind, kind, field="kind").value
    if recordation_numbers is not None:
        numbers = recordation_numbers.strip()
        enterprise.recordation_numbers = (
            clean_text(numbers, field="recordation_numbers", limit=TEXT_MAX) if numbers else None
        )
    unit.session.flush()
    user.enterprise_id = enterprise.id
    unit.session.flush()
    return user_view(unit.session, user)


def _find_or_create_enterprise(unit: Unit, name: str, credit_code: str | None) -> Enterprise:
    if credit_code is not None:
        found = unit.session.exec(select(Enterprise).where(Enterprise.credit_code == credit_code)).first()
    else:
        found = unit.session.exec(
            select(Enterprise)
            .where(func.lower(col(Enterprise.name)) == name.lower())
            .order_by(col(Enterprise.id))
        ).first()
    if found is not None:
        return found
    enterprise = Enterprise(name=name, credit_code=credit_code, kind=EnterpriseKind.RIGHTS_HOLDER.value)
    unit.session.add(enterprise)
    return enterprise
