"""State machines as tables: which action moves an object from which state to which, and who
may take it.

A domain declares its machine once (dossiers/machine.py, fieldreports/machine.py): one
`Transition` row per edge. The engine (workflow/engine.py) acts only along those rows, and
`allowed_actions` reads the same rows to tell the API and every page what to offer, so the
list of actions a user may take now exists in one place.

An edge names a permission of `accounts.permissions` and a *scope*: a function of the object
giving the target the permission is checked on (its receiving agency, the agency and role of
its current step, its owner). `when` restricts an edge to some objects without looking at the
user (an online dossier, the last step); `guards` are the remaining conditions (the step
allows the action, an apology not yet made); a guard raises ActionError with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from accounts.permissions import POLICY, can
from workflow.errors import ActionDenied, ActionError, KernelCode

NEW = ""  # the state of an object that does not exist yet (creation edges start here)


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    targets: frozenset[str]
    permission: str | None  # None only for internal edges, which are never offered
    scope: Callable[[Any], Any] | None
    label: str
    basis: str = ""
    when: Callable[[Any], bool] | None = None
    guards: tuple[Callable[[Any, Any], None], ...] = ()
    inputs: tuple[str, ...] = ()
    required: tuple[str, ...] = ()  # the inputs without which the action cannot be taken
    tone: str = "primary"  # primary, secondary or danger: how a page draws the button
    internal: bool = False  # only ever taken as the consequence of another action

    def applies_to(self, obj) -> bool:
        return self.when is None or self.when(obj)

    def permits(self, obj, user) -> bool:
        return self.permission is not None and can(user, self.permission, self.scope(obj) if self.scope else None)

    def check_guards(self, obj, user) -> None:
        for guard in self.guards:
            guard(obj, user)


def edge(action: str, sources: Iterable[str], targets: Iterable[str] | None = None, **kwargs) -> Transition:
    """One row of a table; `targets` defaults to the sources (an action that keeps the state)."""
    sources = frozenset(sources)
    return Transition(action, sources, frozenset(targets) if targets is not None else sources, **kwargs)


class Machine:
    """A state machine over `model`, whose events are `event_model` rows (workflow.models).

    A domain subclasses it, lists its `transitions` and says how to lock an object, what to
    remember of it before an action (`snapshot`) and how to write an event (`build_event`).
    """

    name: str = ""
    model: type
    event_model: type
    transitions: list[Transition] = []
    state_field = "state"
    label_field = ""  # a column naming the object in reports (a dossier's code)
    noun = "đối tượng"  # what the objects are called, in Vietnamese ("hồ sơ", "phản ánh")
    denied = "Bạn không có quyền thực hiện thao tác này."  # no role for the action at all
    # The row's columns only an action may change (attribute names, `_id` for foreign keys):
    # each event fingerprints them (workflow/chain.py), so an edit behind the engine is found.
    # Columns another table's deletion may null (SET_NULL) are left out.
    row_fields: tuple[str, ...] = ()
    # When columns are added to `row_fields`, the version goes up and the older lists stay here:
    # an event names the version its fingerprint covers ("2:…"; none is version 1), so the
    # events written before keep verifying and a row is never judged on fewer columns than
    # its last event fingerprinted.
    row_version = 1
    legacy_row_fields: dict[int, tuple[str, ...]] = {}
    # Row column → (the event column recording its value after the event, what to call it):
    # named in the report when a row no longer matches its last event.
    row_event_fields: dict[str, tuple[str, str]] = {}

    def row_fields_of(self, version: int) -> tuple[str, ...] | None:
        return self.row_fields if version == self.row_version else self.legacy_row_fields.get(version)

    @property
    def all_row_fields(self) -> tuple[str, ...]:
        """Every column some version fingerprints (what verification reads of a row)."""
        names = [*self.row_fields, *(f for fields in self.legacy_row_fields.values() for f in fields)]
        return tuple(dict.fromkeys(names))

    def __init__(self) -> None:
        offered = [t for t in self.transitions if not t.internal and not t.permission]
        if offered:
            raise ValueError(f"{self.name}: edges offered to users must name a permission: {offered[0].action}")
        unknown = {t.permission for t in self.transitions if t.permission} - POLICY.keys()
        if unknown:
            raise ValueError(f"{self.name}: permissions not in accounts.permissions.POLICY: {sorted(unknown)}")

    # --- what a domain provides -----------------------------------------------------------
    def lock(self, pk):
        return self.model.objects.select_for_update(of=("self",)).get(pk=pk)

    def snapshot(self, obj) -> dict:
        return {"state": self.state_of(obj)}

    def integrity_checks(self, objects=None, *, contents: bool = False):
        """Breaks the domain can see beyond the chains (a gap in dossier codes, a file its events
        do not account for): BrokenLinks, of `objects` or of all; `contents` also reads stored
        files."""
        return iter(())

    def project(self, obj) -> None:
        """Derive the projection's dependent columns from its state, before it is saved."""

    def build_event(self, obj, transition: Transition, actor, change, before: dict):
        raise NotImplementedError

    def save(self, obj) -> None:
        obj.save()

    def describe_state(self, obj) -> str:
        return f"đang ở trạng thái “{obj.get_state_display()}”"

    @property
    def actions(self) -> list[str]:
        return list(dict.fromkeys(t.action for t in self.transitions if not t.internal))

    def edges(self, action: str) -> list[Transition]:
        return [t for t in self.transitions if t.action == action]

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def resolve(self, obj, action: str, user, *, state: str | None = None, internal: bool = False) -> Transition:
        """The edge `user` takes for `action` on `obj`, or the reason why there is none.

        Refusals come in a fixed order: no edge at all is an unknown action; no edge from the
        current state is invalid_state; edges here but none the user may take is a denial;
        then the guards of the edge give their reason.
        """
        state = self.state_of(obj) if state is None else state
        candidates = [t for t in self.edges(action) if t.internal == internal and t.applies_to(obj)]
        if not candidates:
            raise ActionError(KernelCode.UNKNOWN_ACTION, "Thao tác không tồn tại hoặc không áp dụng cho đối tượng này.")
        here = [t for t in candidates if state in t.sources]
        if not here:
            raise ActionError(KernelCode.INVALID_STATE, self._state_message(obj))
        if internal:
            return here[0]
        permitted = [t for t in here if t.permits(obj, user)]
        if not permitted:
            raise ActionDenied(self.denied)
        # The first permitted edge whose guards pass; else the first edge's reason.
        first_error: ActionError | None = None
        for transition in permitted:
            try:
                transition.check_guards(obj, user)
            except ActionError as exc:
                first_error = first_error or exc
                continue
            return transition
        raise first_error

    def allowed_actions(self, obj, user) -> list[Transition]:
        """The actions `user` may take on `obj` now, one edge per action, in table order."""
        offered: dict[str, Transition] = {}
        for action in self.actions:
            try:
                offered[action] = self.resolve(obj, action, user)
            except ActionError:
                continue
        return list(offered.values())

    def _state_message(self, obj) -> str:
        return f"Không thể thực hiện thao tác này khi {self.describe_state(obj)}."

    def __repr__(self) -> str:
        return f"<Machine {self.name}>"
