"""The decision case: the facts the engine decides on (DECISION_RULES section 1).

``Case.from_dict`` reads the JSON form strictly: an unknown key, a wrong type (a bool is not a
number), a grade out of range, an unknown level or a negative number of hours raises `CaseError`
naming the key path and the allowed values. Missing optional keys take their defaults.
``Case.to_dict`` writes every key back, so a stored decision holds the full case.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Final

from dnclinic.clinical import parsing as p
from dnclinic.clinical.neuro import NeuroExam
from dnclinic.clinical.parsing import CaseError
from dnclinic.clinical.vocab import (
    CHRONICITIES,
    CONTRAINDICATIONS,
    PRECAUTIONS,
    RED_FLAGS,
    REGIONS,
    TAGS,
)

__all__ = ["DEFAULT_TRAINING_THRESHOLD_HOURS", "Case", "CaseError"]

DEFAULT_TRAINING_THRESHOLD_HOURS: Final = 60
"""Seed 2: "more than 60 hours of formal training" (a clinic setting)."""

_MAX_AGE: Final = 130
_KEYS: Final = (
    "region",
    "chronicity",
    "tags",
    "trigger_points_identified",
    "failed_conservative_care",
    "understands_short_term_benefit",
    "consent_recorded",
    "practitioner_training_hours",
    "training_threshold_hours",
    "jurisdiction_minimum_hours",
    "baseline_pain",
    "age",
    "red_flags",
    "contraindications",
    "precautions",
    "neuro",
)
_REQUIRED: Final = ("region", "chronicity", "practitioner_training_hours")
_FLAGS: Final = (
    "trigger_points_identified",
    "failed_conservative_care",
    "understands_short_term_benefit",
    "consent_recorded",
)
_LISTS: Final = {
    "tags": TAGS,
    "red_flags": RED_FLAGS,
    "contraindications": CONTRAINDICATIONS,
    "precautions": PRECAUTIONS,
}


@dataclass(frozen=True)
class Case:
    """One patient presentation, as the decision engine sees it (hours in hours, pain NPRS 0-10)."""

    region: str
    chronicity: str
    practitioner_training_hours: float
    tags: tuple[str, ...] = ()
    trigger_points_identified: bool = False
    failed_conservative_care: bool = False
    understands_short_term_benefit: bool = False
    consent_recorded: bool = False
    training_threshold_hours: float = DEFAULT_TRAINING_THRESHOLD_HOURS
    jurisdiction_minimum_hours: float | None = None
    baseline_pain: int | None = None
    age: int | None = None
    red_flags: tuple[str, ...] = ()
    contraindications: tuple[str, ...] = ()
    precautions: tuple[str, ...] = ()
    neuro: NeuroExam | None = None

    @classmethod
    def from_dict(cls, data: object) -> Case:
        """Read a case from its JSON form, strictly (DECISION_RULES section 1).

        Args:
            data: the parsed JSON object.

        Returns:
            The case, with list fields in vocabulary order.

        Raises:
            CaseError: naming the key path and the allowed values for the first problem found.
        """
        data = p.mapping(data, "")
        p.check_keys(data, _KEYS, "", "key")
        for key in _REQUIRED:
            if key not in data:
                raise CaseError(key, "required key is missing")
        values: dict[str, Any] = {
            "region": p.choice(data["region"], REGIONS, "region"),
            "chronicity": p.choice(data["chronicity"], CHRONICITIES, "chronicity"),
            "practitioner_training_hours": p.number(
                data["practitioner_training_hours"], "practitioner_training_hours"
            ),
        }
        for key in _FLAGS:
            if key in data:
                values[key] = p.boolean(data[key], key)
        for key, allowed in _LISTS.items():
            if key in data:
                values[key] = p.code_list(data[key], allowed, key)
        values |= _optional_values(data)
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """Return the full JSON form (every key, defaults included) that `from_dict` reads."""
        out: dict[str, Any] = {}
        for key in _KEYS:
            value = getattr(self, key)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, NeuroExam):
                value = value.to_dict()
            out[key] = value
        return out

    def with_changes(self, **changes: Any) -> Case:
        """Return a copy with some fields replaced (the case itself is immutable)."""
        return replace(self, **changes)


def _optional_values(data: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in ("training_threshold_hours",):  # has a non-null default
        if key in data:
            values[key] = p.number(data[key], key)
    jurisdiction = data.get("jurisdiction_minimum_hours")
    if jurisdiction is not None:
        values["jurisdiction_minimum_hours"] = p.number(jurisdiction, "jurisdiction_minimum_hours")
    if data.get("baseline_pain") is not None:
        values["baseline_pain"] = p.integer(data["baseline_pain"], "baseline_pain", 0, 10)
    if data.get("age") is not None:
        values["age"] = p.integer(data["age"], "age", 0, _MAX_AGE)
    if data.get("neuro") is not None:
        values["neuro"] = NeuroExam.from_dict(data["neuro"], "neuro")
    return values
