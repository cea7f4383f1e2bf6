"""Definitions of the outcome instruments: answer ranges, units, bands and MCIDs.

CLINICAL_REFERENCE section 5. NPRS bands are an app convention (source UNCONFIRMED); ODI bands
per Fairbank [FAI00]; NDI bands on Vernon's raw score (percent / 2) [VER91], not the PACIO percent
bands. MCIDs: NPRS 2 points or 30% and VAS 15 mm or 30% [OST08]; ODI 10 points [OST08]; NDI 5 raw
points [VER91]; PSFS 2 points [ABB14]; BPI interference 1 point [DWO08]; PPT none established.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

PPT_MAX_KG_CM2: Final = 20.0
"""Upper plausibility limit for one algometer trial (kg/cm²); typical devices read up to 10-20."""


@dataclass(frozen=True, slots=True)
class InstrumentSpec:
    """How an instrument is answered and scored; value range, unit, MCID and sources."""

    code: str
    name: str
    unit: str
    answer_min: float
    answer_max: float
    integer_answers: bool
    min_entries: int
    min_answered: int
    max_missing: int | None
    value_min: float
    value_max: float
    higher_is_worse: bool
    mcid_points: float | None
    mcid_percent: float | None
    mcid_text: str
    sources: tuple[str, ...]
    evidence: str
    places: int = 1
    answer_min_exclusive: bool = False


SPECS: Final = MappingProxyType(
    {
        s.code: s
        for s in (
            InstrumentSpec(
                code="NPRS",
                name="Numeric Pain Rating Scale",
                unit="",
                answer_min=0,
                answer_max=10,
                integer_answers=True,
                min_entries=1,
                min_answered=1,
                max_missing=None,
                value_min=0,
                value_max=10,
                higher_is_worse=True,
                mcid_points=2,
                mcid_percent=30,
                mcid_text="2 points or 30%",
                sources=("OST08", "ABB14", "DNCLINIC"),
                evidence="MCID confirmed; severity bands are an app convention (UNCONFIRMED)",
            ),
            InstrumentSpec(
                code="VAS",
                name="Visual Analogue Scale",
                unit="mm",
                answer_min=0,
                answer_max=100,
                integer_answers=False,
                min_entries=1,
                min_answered=1,
                max_missing=None,
                value_min=0,
                value_max=100,
                higher_is_worse=True,
                mcid_points=15,
                mcid_percent=30,
                mcid_text="15 mm or 30%",
                sources=("OST08",),
                evidence="confirmed",
            ),
            InstrumentSpec(
                code="ODI",
                name="Oswestry Disability Index",
                unit="%",
                answer_min=0,
                answer_max=5,
                integer_answers=True,
                min_entries=10,
                min_answered=8,
                max_missing=2,
                value_min=0,
                value_max=100,
                higher_is_worse=True,
                mcid_points=10,
                mcid_percent=None,
                mcid_text="10 points",
                sources=("FAI00", "OST08"),
                evidence="confirmed",
            ),
            InstrumentSpec(
                code="NDI",
                name="Neck Disability Index",
                unit="%",
                answer_min=0,
                answer_max=5,
                integer_answers=True,
                min_entries=10,
                min_answered=8,
                max_missing=2,
                value_min=0,
                value_max=100,
                higher_is_worse=True,
                mcid_points=10,
                mcid_percent=None,
                mcid_text="5 raw points, 10 percentage points",
                sources=("VER91", "ABB14"),
                evidence="confirmed",
            ),
            InstrumentSpec(
                code="PSFS",
                name="Patient-Specific Functional Scale",
                unit="",
                answer_min=0,
                answer_max=10,
                integer_answers=True,
                min_entries=3,
                min_answered=3,
                max_missing=None,
                value_min=0,
                value_max=10,
                higher_is_worse=False,
                mcid_points=2,
                mcid_percent=None,
                mcid_text="2 points",
                sources=("HORN12", "ABB14"),
                evidence="confirmed; the classic 2-point MCID (Stratford 1995) is UNCONFIRMED",
            ),
            InstrumentSpec(
                code="PPT",
                name="Pressure pain threshold",
                unit="kg/cm²",
                answer_min=0,
                answer_max=PPT_MAX_KG_CM2,
                integer_answers=False,
                min_entries=1,
                min_answered=1,
                max_missing=None,
                value_min=0,
                value_max=PPT_MAX_KG_CM2,
                higher_is_worse=False,
                mcid_points=None,
                mcid_percent=None,
                mcid_text="none established",
                sources=("WAL11",),
                evidence="confirmed; MCID UNCONFIRMED",
                places=2,
                answer_min_exclusive=True,
            ),
            InstrumentSpec(
                code="BPI",
                name="Brief Pain Inventory (short form)",
                unit="",
                answer_min=0,
                answer_max=10,
                integer_answers=True,
                min_entries=11,
                min_answered=8,
                max_missing=None,
                value_min=0,
                value_max=10,
                higher_is_worse=True,
                mcid_points=1,
                mcid_percent=None,
                mcid_text="1 point (interference)",
                sources=("DWO08",),
                evidence="confirmed",
            ),
        )
    }
)


def band(instrument: str, value: float | None) -> str | None:
    """Return the severity band of a score, or None when the instrument has no bands.

    NPRS (0-10): ``none`` 0, ``mild`` 1-3, ``moderate`` 4-6, ``severe`` 7-10.
    ODI (%): ``minimal`` 0-20, ``moderate`` over 20 to 40, ``severe`` over 40 to 60, ``crippled``
    over 60 to 80, ``bed-bound`` over 80.
    NDI, on the raw-equivalent score (percent / 2): ``none`` under 5, ``mild`` 5 to under 15,
    ``moderate`` 15 to under 25, ``severe`` 25 to under 35, ``complete`` 35 and over.

    Args:
        instrument: an instrument code.
        value: the (rounded) score, or None.
    """
    if value is None:
        return None
    if instrument == "NPRS":
        for limit, name in ((0, "none"), (3, "mild"), (6, "moderate")):
            if value <= limit:
                return name
        return "severe"
    if instrument == "ODI":
        for limit, name in ((20, "minimal"), (40, "moderate"), (60, "severe"), (80, "crippled")):
            if value <= limit:
                return name
        return "bed-bound"
    if instrument == "NDI":
        raw = value / 2
        for limit, name in ((5, "none"), (15, "mild"), (25, "moderate"), (35, "severe")):
            if raw < limit:
                return name
        return "complete"
    return None
