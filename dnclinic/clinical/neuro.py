"""Neurological screen: the exam as charted, and its interpretation (DECISION_RULES section 2).

Grades: sensation ISNCSCI 0/1/2/NT, motor MRC 0-5/NT, reflexes NINDS 0-4+/NT (CLINICAL_REFERENCE
section 3.1). Reflex roots: biceps C5, brachioradialis C6, triceps C7, patellar L4, medial hamstring
L5, Achilles S1.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from dnclinic.clinical import parsing as p
from dnclinic.clinical.levels import (
    LEVELS,
    MOTOR_SCALE,
    REFLEX_ROOTS,
    REFLEX_SCALE,
    REFLEXES,
    SENSATION_MODALITIES,
    SENSATION_SCALE,
    UMN_SIGNS,
    Grade,
    level_index,
    level_label,
)
from dnclinic.clinical.vocab import SIDES, label

DOMAINS: Final = ("dermatome", "myotome", "reflex")
_UMN_LABELS: Final = {
    "babinski": "Babinski sign",
    "hoffmann": "Hoffmann sign",
    "clonus": "clonus",
    "inverted_supinator": "inverted supinator sign",
    "gait_disturbance": "gait disturbance",
}

SideGrades = Mapping[str, Grade]


@dataclass(frozen=True)
class NeuroExam:
    """A charted neurological screen; every part is optional (absent = not charted)."""

    dermatomes: Mapping[str, Mapping[str, Mapping[str, Grade]]] = field(default_factory=dict)
    myotomes: Mapping[str, SideGrades] = field(default_factory=dict)
    reflexes: Mapping[str, SideGrades] = field(default_factory=dict)
    umn: Mapping[str, bool] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: object, path: str = "neuro") -> NeuroExam:
        """Read an exam from its JSON form (DECISION_RULES section 1), strictly.

        Raises:
            CaseError: naming the key path and the allowed values for the first problem found.
        """
        data = p.mapping(data, path)
        p.check_keys(data, ("dermatomes", "myotomes", "reflexes", "umn"), path, "key")
        derm_path, myo_path = p.join(path, "dermatomes"), p.join(path, "myotomes")
        dermatomes = {
            level: {
                side: _read_modalities(value, p.join(p.join(derm_path, level), side))
                for side, value in _read_sides(sides, p.join(derm_path, level)).items()
            }
            for level, sides in _read_keyed(data.get("dermatomes", {}), LEVELS, derm_path, "level")
        }
        myotomes = {
            level: _read_graded_sides(sides, MOTOR_SCALE, p.join(myo_path, level))
            for level, sides in _read_keyed(data.get("myotomes", {}), LEVELS, myo_path, "level")
        }
        ref_path = p.join(path, "reflexes")
        reflexes = {
            name: _read_graded_sides(sides, REFLEX_SCALE, p.join(ref_path, name))
            for name, sides in _read_keyed(data.get("reflexes", {}), REFLEXES, ref_path, "reflex")
        }
        umn_path = p.join(path, "umn")
        umn = {
            sign: p.boolean(value, p.join(umn_path, sign))
            for sign, value in _read_keyed(data.get("umn", {}), UMN_SIGNS, umn_path, "UMN sign")
        }
        return cls(dermatomes, myotomes, reflexes, umn)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form read by `from_dict` (plain dicts, canonical key order)."""
        return {
            "dermatomes": {
                lv: {side: dict(mods) for side, mods in sides.items()}
                for lv, sides in self.dermatomes.items()
            },
            "myotomes": {lv: dict(sides) for lv, sides in self.myotomes.items()},
            "reflexes": {name: dict(sides) for name, sides in self.reflexes.items()},
            "umn": dict(self.umn),
        }


def _read_keyed(
    value: object, allowed: tuple[str, ...], path: str, what: str
) -> list[tuple[str, Any]]:
    data = p.mapping(value, path)
    p.check_keys(data, allowed, path, what)
    return [(key, data[key]) for key in allowed if key in data]


def _read_sides(value: object, path: str) -> dict[str, Any]:
    return dict(_read_keyed(value, SIDES, path, "side"))


def _read_modalities(value: object, path: str) -> dict[str, Grade]:
    return {
        mod: p.grade(grade, SENSATION_SCALE, p.join(path, mod))
        for mod, grade in _read_keyed(value, SENSATION_MODALITIES, path, "sensory modality")
    }


def _read_graded_sides(value: object, scale: Mapping[Grade, str], path: str) -> dict[str, Grade]:
    return {
        side: p.grade(grade, scale, p.join(path, side))
        for side, grade in _read_sides(value, path).items()
    }


@dataclass(frozen=True, slots=True)
class ImplicatedLevel:
    """A level and side implicated by the exam, with the domains that implicate it."""

    level: str
    side: str
    domains: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"level", "side", "domains"}`` as in the recommendation JSON."""
        return {"level": self.level, "side": self.side, "domains": list(self.domains)}


@dataclass(frozen=True, slots=True)
class NeuroInterpretation:
    """What the exam means: involved levels, implicated levels, UMN signs and notes."""

    involved: Mapping[str, tuple[tuple[str, str], ...]]
    implicated_levels: tuple[ImplicatedLevel, ...]
    umn_signs: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def has_umn_signs(self) -> bool:
        """True when any UMN sign is present (a red flag, rule R1)."""
        return bool(self.umn_signs)


def _is_low(grade: Grade | None, threshold: int) -> bool:
    return isinstance(grade, int) and grade <= threshold


def interpret(exam: NeuroExam | None) -> NeuroInterpretation:
    """Interpret a neurological screen exactly as DECISION_RULES section 2.

    Per side: a dermatome is involved when light touch or pin prick is 0 or 1; a myotome when its
    MRC grade is 4 or less; a reflex counts for its root when graded 0, or 1 with the other side
    2+ or more (both sides 1+ may be normal; 3+ is noted, not counted). UMN signs: any ``umn``
    sign present or any reflex graded 4+. Implicated levels are listed in spinal order, left
    before right.

    Args:
        exam: the charted exam, or None when no exam was charted.

    Returns:
        The interpretation; an empty one for ``None``.
    """
    if exam is None:
        return NeuroInterpretation({d: () for d in DOMAINS}, (), (), ())
    found: dict[str, set[tuple[str, str]]] = {d: set() for d in DOMAINS}
    for level, sides in exam.dermatomes.items():
        for side, mods in sides.items():
            if any(_is_low(mods.get(m), 1) for m in SENSATION_MODALITIES):
                found["dermatome"].add((level, side))
    for level, grades in exam.myotomes.items():
        for side, grade in grades.items():
            if _is_low(grade, 4):
                found["myotome"].add((level, side))
    umn = [_UMN_LABELS[s] for s in UMN_SIGNS if exam.umn.get(s, False)]
    notes: list[str] = []
    for name, grades in exam.reflexes.items():
        reflex_umn, reflex_notes = _reflex(name, grades, found["reflex"])
        umn += reflex_umn
        notes += reflex_notes
    involved = {d: tuple(sorted(found[d], key=_spinal_order)) for d in DOMAINS}
    keys = sorted(set().union(*found.values()), key=_spinal_order)
    implicated = tuple(
        ImplicatedLevel(lv, side, tuple(d for d in DOMAINS if (lv, side) in found[d]))
        for lv, side in keys
    )
    return NeuroInterpretation(involved, implicated, tuple(umn), tuple(notes))


def _reflex(
    name: str, grades: SideGrades, counted: set[tuple[str, str]]
) -> tuple[list[str], list[str]]:
    root, reflex = REFLEX_ROOTS[name], name.replace("_", " ").capitalize()
    umn: list[str] = []
    notes: list[str] = []
    for side in SIDES:
        grade = grades.get(side)
        other = grades.get("right" if side == "left" else "left")
        if grade == 0 or (grade == 1 and isinstance(other, int) and other >= 2):
            counted.add((root, side))
        elif grade == 1 and other == 1:
            if side == "left":  # one note for the pair
                notes.append(f"{reflex} reflex 1+ on both sides: not counted (may be normal)")
        elif grade == 1:
            notes.append(f"{reflex} reflex 1+ on the {side}, other side not graded: not counted")
        elif grade == 3:
            notes.append(f"{reflex} reflex 3+ on the {side} (very brisk): noted, not counted")
        elif grade == 4:
            umn.append(f"{reflex} reflex 4+ on the {side} (clonus)")
    return umn, notes


def _spinal_order(key: tuple[str, str]) -> tuple[int, int]:
    return level_index(key[0]), SIDES.index(key[1])


def is_radicular(tags: Collection[str], interpretation: NeuroInterpretation) -> bool:
    """Tell whether a case is radicular: tag ``radiculopathy`` or any implicated level.

    Source: DECISION_RULES section 2.
    """
    return "radiculopathy" in tags or bool(interpretation.implicated_levels)


def describe_level(item: ImplicatedLevel) -> str:
    """Return e.g. ``"L5 left (dermatome, myotome)"`` for reports and explanations."""
    return f"{level_label(item.level)} {label(item.side).lower()} ({', '.join(item.domains)})"
