"""ChangeSet: what a successful action changed, so open screens can refresh selectively."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Ids of the aggregates an action created or changed."""

    patients: frozenset[int] = field(default_factory=frozenset)
    episodes: frozenset[int] = field(default_factory=frozenset)
    screenings: frozenset[int] = field(default_factory=frozenset)
    practitioners: frozenset[int] = field(default_factory=frozenset)
    clinic: bool = False
    # --- charting (issue 5) ---
    exams: frozenset[int] = field(default_factory=frozenset)
    sessions: frozenset[int] = field(default_factory=frozenset)
    outcomes: frozenset[int] = field(default_factory=frozenset)
    # --- decision wizard (issue 7) ---
    decisions: frozenset[int] = field(default_factory=frozenset)
    plans: frozenset[int] = field(default_factory=frozenset)

    def touches_patient(self, patient_id: int) -> bool:
        """Whether a screen showing ``patient_id`` should reload."""
        return patient_id in self.patients


@dataclass(frozen=True, slots=True)
class Saved(Generic[T]):
    """The result of a mutation: the new read model plus what changed."""

    value: T
    changes: ChangeSet
