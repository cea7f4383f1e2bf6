"""Where the clinic practises. Dry-needling rules differ by US state (CLINICAL_REFERENCE 7.1).

The legal status below is as published by PPHC, "Dry Needling State Practice Acts", as of
January 2026 [PPHC]; clinics outside the US choose ``other``.
"""

from __future__ import annotations

US_STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}

OTHER = "other"
NOT_PERMITTED = frozenset({"CA", "HI", "NY", "OR"})
SILENT = frozenset({"CT", "MA", "MI", "MN", "MO", "OK", "PA"})


def jurisdiction_codes() -> tuple[str, ...]:
    """Return every jurisdiction code, US states in name order, then ``other``."""
    return (*sorted(US_STATES, key=US_STATES.__getitem__), OTHER)


def jurisdiction_label(code: str) -> str:
    """Return a readable name for a jurisdiction code."""
    if code == OTHER:
        return "Outside the United States / other"
    return f"{US_STATES.get(code, code)} ({code})"


def legal_status(code: str) -> str:
    """Return ``allowed``, ``silent``, ``not_permitted`` or ``unknown`` [PPHC]."""
    if code in NOT_PERMITTED:
        return "not_permitted"
    if code in SILENT:
        return "silent"
    return "allowed" if code in US_STATES else "unknown"
