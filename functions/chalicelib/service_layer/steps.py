"""Taking a step of the lifecycle: parse the body, let the aggregate check it against the table,
store the change with its messages in one write; on a lost race, read again and re-check."""
from __future__ import annotations

import functools
from datetime import date
from typing import Any, Callable

from pydantic import TypeAdapter, ValidationError

from ..domain.actions import ActionParams
from ..domain.calendar import beijing_date
from ..domain.effects import StepContext
from ..domain.errors import FieldError, InvalidRequest, from_validation_error
from ..domain.lifecycle import ASKED_STEPS, Audience
from ..domain.notifications import compose_change
from ..domain.officers import Officer
from ..domain.request import Change, ServiceRequest, Viewer
from .deps import Deps
from .ports import Conflict, Contention, Unavailable

RACE_ATTEMPTS = 3


@functools.lru_cache(maxsize=1)
def action_body() -> TypeAdapter:
    """Any step's body a person may send, told apart by its `action` (one model per row)."""
    from typing import Annotated, Union

    from pydantic import Field

    union = Union[tuple(s.params for s in ASKED_STEPS)]  # type: ignore[valid-type]
    return TypeAdapter(Annotated[union, Field(discriminator="action")])


def parse_action(body: Any, today: date | None = None) -> ActionParams:
    """The body as its action's model; field errors name the field alone (`reason`, not
    `reject.reason`), as the page that sent it knows them."""
    try:
        return action_body().validate_python(body, context={"today": today})
    except ValidationError as exc:
        tag = f"{body.get('action')}." if isinstance(body, dict) else ""
        errors = [FieldError(e.field.removeprefix(tag), e.message) for e in from_validation_error(exc)]
        raise InvalidRequest(errors) from None


def _supervisors(change: Change, deps: Deps) -> tuple[str, ...]:
    """The supervisors' addresses, for a step that tells them (a rating's appeal)."""
    if Audience.SUPERVISORS not in change.step.notify or deps.directory is None:
        return ()
    return tuple(sorted({o.email for o in deps.directory.supervisors() if o.email}))


def take_step(request: ServiceRequest, params: ActionParams, viewer: Viewer, deps: Deps,
              reload: Callable[[str], ServiceRequest | None], assignee: Officer | None = None) -> ServiceRequest:
    """The request after the step (with `assignee`, the officer an assignment names). Another
    write may land between our read and our write: then the aggregate judges the step again
    against the state that won."""
    for _ in range(RACE_ATTEMPTS):
        now = deps.clock.now()
        standards = deps.catalog.standards
        ctx = StepContext(today=beijing_date(now), first_contact_days=standards.first_contact_days(request.service),
                          completion_days=standards.completion_days(request.service),
                          assignee_name=assignee.name if assignee else None,
                          verify_days=standards.rating_verify_days(request.service),
                          rectify_days=standards.rating_rectify_days(request.service))
        change = request.perform(params, viewer, now, ctx)
        messages = compose_change(change, deps.catalog, deps.addresses, deps.links,
                                  assignee.email if assignee else None, _supervisors(change, deps))
        try:
            deps.store.transition(change, messages)
            return change.after
        except (Conflict, Unavailable) as exc:
            fresh = reload(request.tracking_no)
            if fresh is None:  # cannot happen: requests are never deleted
                raise
            if fresh.version == change.after.version and fresh.timeline[-1] == change.event:
                return fresh  # ours landed: the reply was lost (and the SDK's retry met it)
            if isinstance(exc, Unavailable) and fresh.version == request.version:
                raise  # nothing changed: the caller may try again
            request = fresh
    raise Contention(f"{request.tracking_no} kept changing")
