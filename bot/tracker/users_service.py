"""The Tracker's calls on users and roles, one transaction each."""

from __future__ import annotations

from collections.abc import Iterable

from bot.tracker import users
from bot.tracker.facade import Facade
from bot.tracker.values import EnterpriseKind, Role, UserView


class UserRecords(Facade):
    """Mixed into Tracker (bot/tracker/service.py)."""

    def ensure_user(self, *, user_id: int, name: str, language: str | None = None) -> UserView:
        """Create (as an enterprise) on first contact; refresh the name; keep the language unless given."""
        # Called on every message: a read answers it unless the user is new or changed, and only then is
        # the write lock taken.
        with self._unit(write=False) as unit:
            known = users.unchanged_user(unit, user_id=user_id, name=name, language=language)
            if known is not None:
                return known
        with self._unit() as unit:
            return users.ensure_user(unit, user_id=user_id, name=name, language=language)

    def get_user(self, *, user_id: int) -> UserView | None:
        with self._unit(write=False) as unit:
            return users.get_user(unit, user_id=user_id)

    def set_language(self, *, user_id: int, language: str | None) -> None:
        with self._unit() as unit:
            users.set_language(unit, user_id=user_id, language=language)

    def grant_role(self, *, actor_id: int | None, user_id: int, role: Role | str) -> UserView:
        """actor_id None is the trusted command line; otherwise the actor must be an admin."""
        with self._unit() as unit:
            return users.change_role(unit, actor_id=actor_id, user_id=user_id, role=role)

    def revoke_role(self, *, actor_id: int | None, user_id: int) -> UserView:
        """Back to enterprise; the last admin cannot be revoked by an admin."""
        with self._unit() as unit:
            return users.change_role(unit, actor_id=actor_id, user_id=user_id, role=Role.ENTERPRISE)

    def users_with_role(self, *, actor_id: int, role: Role | str | None = None, limit: int = 100) -> list[UserView]:
        """Who holds `role` (every officer and admin when None); enterprise users are listed to admins only."""
        with self._unit(write=False) as unit:
            return users.users_with_role(unit, actor_id=actor_id, role=role, limit=limit)

    def bootstrap_admins(self, ids: Iterable[int]) -> None:
        with self._unit() as unit:
            users.bootstrap_admins(unit, ids)

    def set_enterprise(
        self,
        *,
        user_id: int,
        name: str,
        kind: EnterpriseKind | str = EnterpriseKind.RIGHTS_HOLDER,
        credit_code: str | None = None,
        recordation_numbers: str | None = None,
    ) -> UserView:
        with self._unit() as unit:
            return users.set_enterprise(
                unit,
                user_id=user_id,
                name=name,
                kind=kind,
                credit_code=credit_code,
                recordation_numbers=recordation_numbers,
            )
