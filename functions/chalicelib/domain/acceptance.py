"""一次验收通过率: after a completed pre-acceptance, fire-acceptance service or archive
pre-acceptance request, an officer of the lead department records how the formal acceptance
that followed went (and again as it changes: the latest counts in the figures, figures.py)."""
from __future__ import annotations

from typing import Any, Literal

from .actions import ActionParams
from .labels import labelled, one_of

ACCEPTANCE_SERVICES = frozenset({"pre-acceptance", "fire-acceptance-service", "archive-pre-acceptance"})
OUTCOMES = {  # the contract's values (details.outcome), so not choices()' hyphenated ids
    "first_attempt": {"zh": "一次验收通过", "en": "Passed at the first attempt"},
    "later": {"zh": "整改后验收通过", "en": "Passed at a later attempt"},
    "not_yet": {"zh": "尚未通过验收", "en": "Not passed yet"},
}


class AcceptanceOutcomeIn(ActionParams):
    action: Literal["record_acceptance_outcome"]
    outcome: one_of(OUTCOMES) = labelled("正式验收结果", "Outcome of the formal acceptance",  # type: ignore[valid-type]
                                         choices=OUTCOMES)

    def note(self) -> tuple[str, str]:
        label = OUTCOMES[self.outcome]
        return label["zh"], label["en"]

    def details(self) -> dict[str, Any]:
        return {"outcome": self.outcome}
