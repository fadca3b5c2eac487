"""Who may see and touch what. Every Tracker method goes through these before it reads or changes an item."""

from __future__ import annotations

from bot.tracker.errors import Forbidden, NotFound
from bot.tracker.models import Item, User
from bot.tracker.unit import Unit
from bot.tracker.values import STAFF, Role


def load_actor(unit: Unit, actor_id: int) -> User:
    """The acting user; someone who never reached the bot has no rights at all."""
    user = unit.session.get(User, actor_id)
    if user is None:
        raise Forbidden(actor_id=actor_id)
    return user


def is_staff(user: User) -> bool:
    return user.role in STAFF


def load_staff(unit: Unit, actor_id: int) -> User:
    """The acting officer or admin; anyone else is Forbidden."""
    user = load_actor(unit, actor_id)
    if not is_staff(user):
        raise Forbidden("Only customs officers can do that.", actor_id=actor_id)
    return user


def load_admin(unit: Unit, actor_id: int) -> User:
    user = load_actor(unit, actor_id)
    if user.role != Role.ADMIN:
        raise Forbidden("Only administrators can do that.", actor_id=actor_id)
    return user


def visible_item(unit: Unit, actor: User, item_id: int) -> Item:
    """The item if the actor may see it. Another enterprise's item is NotFound, word for word like a missing
    one, so that ids cannot be probed."""
    item = unit.session.get(Item, item_id)
    if item is None or not (is_staff(actor) or item.owner_id == actor.id):
        raise NotFound.item(item_id)
    return item


def owned_item(unit: Unit, actor: User, item_id: int) -> Item:
    """The actor's own item: others' items are NotFound to enterprises and Forbidden to officers (who can see
    them, but only the owner may speak for the enterprise)."""
    item = visible_item(unit, actor, item_id)
    if item.owner_id != actor.id:
        raise Forbidden("Only the enterprise that raised this item can do that.", item_id=item_id)
    return item
