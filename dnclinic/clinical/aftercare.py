"""What a patient is told about the days after dry needling, in plain words (for the home plan).

Sources: CLINICAL_REFERENCE 4.5. Mild adverse events are short-lived and reversible: bruising,
bleeding, pain during or after, a short flare of symptoms, drowsiness, feeling faint, nausea
(White et al., via Physiotherapy Alberta); post-needling soreness is the most common one [VAL24];
bruising 7.55 %, bleeding 4.65 %, pain after 2.19 %, drowsiness 0.26 % [BRA14]. Significant
events need medical care; serious ones (e.g. pneumothorax after needling over the chest) are
rare. The "1 to 2 days" for soreness is common clinic advice, not a figure from the reference
(UNCONFIRMED); the clinic may edit the wording before printing.
"""

from __future__ import annotations

from typing import Final

SORENESS_DAYS: Final = 2
"""Soreness usually settles within this many days (common advice; UNCONFIRMED)."""

NORMAL_AFTER_NEEDLING: Final = (
    "The places where the needles went in may feel sore or achy, like after a hard workout. "
    f"This is normal. It usually gets better within 1 to {SORENESS_DAYS} days.",
    "A small bruise or a drop of blood where a needle went in can happen. It is harmless.",
    "You may feel tired or sleepy for the rest of the day. Rest if you need to.",
    "Your usual pain may feel a little worse for a day before it gets better.",
    "What helps: keep moving gently, use a warm (not hot) pack, drink water, and keep doing "
    "your exercises unless they hurt a lot more.",
)

CALL_THE_CLINIC: Final = (
    f"The soreness is getting worse after {SORENESS_DAYS} days, or has not gone after 4 days.",
    "A bruise keeps getting bigger, or the skin where a needle went in turns red, hot or "
    "swollen, or you get a fever.",
    "You have new numbness, tingling or weakness that does not go away.",
    "You are worried about anything after your treatment.",
)

GET_HELP_NOW: Final = (
    "Call emergency services (911 in the USA) straight away if you suddenly find it hard to "
    "breathe or have chest pain after needling, or if you faint and do not wake up quickly."
)
