"""The agreement check both transition tables go through: for one object and every persona,
what `allowed_actions` offers is what we expect, every offer the engine performs (inside a
transaction rolled back), and every other action it refuses with nothing changed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import transaction

from workflow.errors import ActionError


class Rollback(Exception):
    pass


def check(case: str, machine, pk: int, personas: dict, expected: dict[str, str],
          take: Callable[[str, object, object], object], snapshot: Callable[[object], object]) -> None:
    """`expected` maps a persona's first name to the actions offered (space-separated); `take`
    performs an action on a fresh copy of the object; `snapshot` is what must not change."""
    fresh = lambda: machine.model.objects.get(pk=pk)  # noqa: E731
    for name, user in personas.items():
        obj = fresh()
        offered = {t.action for t in machine.allowed_actions(obj, user)}
        assert offered == set(expected.get(name.split(" ")[0], "").split()), f"{case}: {name}"
        for action in machine.actions:
            if action == "submit":  # creation: checked on its own
                continue
            before = snapshot(obj)
            if action in offered:
                try:
                    with transaction.atomic():
                        take(action, fresh(), user)
                        raise Rollback
                except Rollback:
                    pass
                except ActionError as exc:
                    pytest.fail(f"{case}: {name} is offered {action} but the engine refuses: {exc.code} {exc}")
            else:
                with pytest.raises(ActionError), transaction.atomic():
                    take(action, fresh(), user)
                    raise Rollback(f"{case}: {name} is not offered {action} but the engine performs it")
                assert snapshot(obj) == before, f"{case}: refused {action} by {name} changed something"
