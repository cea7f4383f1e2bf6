"""The printed documents from factory data, read back with pypdf (no database, no Qt)."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest
from document_factories import (
    MARKUP,
    NON_LATIN_NAMES,
    PATIENT,
    PRINTED_AT,
    addendum,
    note_data,
    plan_data,
    progress_data,
    target,
)
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Paragraph, SimpleDocTemplate

from dnclinic.clinical.loading import library
from dnclinic.reports import home_plan, progress_report, session_note
from dnclinic.reports.figures import illustration, pose_kinds
from dnclinic.reports.styles import stylesheet, text
from dnclinic.reports.templates import PatientBanner


def pages(pdf: bytes) -> list[str]:
    """Return each page's text."""
    assert pdf.startswith(b"%PDF-")
    return [p.extract_text() for p in PdfReader(BytesIO(pdf)).pages]


def squash(s: str) -> str:
    """Remove whitespace: pypdf breaks lines where the layout does."""
    return "".join(s.split())


def assert_on_every_page(texts: list[str], *needles: str) -> None:
    for n, page in enumerate(texts, start=1):
        for needle in needles:
            assert squash(needle) in squash(page), f"{needle!r} missing on page {n}"


# --- session note ---------------------------------------------------------------------------
def test_note_shows_every_required_field() -> None:
    texts = pages(session_note.render(note_data()))
    whole = squash(" ".join(texts))
    for needle in (
        "Signed session note", "LOPEZ, Ana", "T-000001", "Lumbar spine (low back)",
        "Confirmed for this session", "no red flags", "anticoagulant",
        "Neurological examination", "Implicated levels", "L5 left (dermatome, myotome)",
        "Lumbar multifidus", "Gluteus medius", "Pistoning", "0.25 x 40", "Twitches",
        "4 Hz, 250 µs, 2.5 mA", "Current near a precaution site", "Bruising", "Mild",
        "Before needling: 6/10", "after needling: 3/10", "Subjective", "Objective",
        "Assessment", "Plan", "20560", "Dry needling may be offered", "Signed by",
        "Maria Alvarez (malvarez)", "ab" * 32, "Harbourside Physio", "(305) 555-0142",
        "printed 2026-11-23 15:30 UTC", "page 1 of",
    ):  # fmt: skip
        assert squash(needle) in whole, needle
    assert_on_every_page(texts, "LOPEZ, Ana · record T-000001", "Harbourside Physio")
    assert "DRAFT" not in whole


def test_unsigned_note_is_watermarked_draft() -> None:
    texts = pages(session_note.render(note_data(signature=None, status="draft")))
    assert "DRAFT" in texts[0]
    assert "not signed" in texts[-1]


def test_markup_characters_non_latin_names_and_a_long_note_render() -> None:
    long_note = ("Lorem ipsum dolor sit amet, <consectetur> & adipiscing. " * 400)[:20_000]
    assert len(long_note) == 20_000
    data = note_data(
        patient=PatientBanner(" ".join(NON_LATIN_NAMES), "Z-1"),
        subjective=MARKUP, objective=long_note, practitioner="Ἀλέξανδρος Ørsted",
        targets=(target(muscle="<b>Piriformis</b> & co"),),
    )  # fmt: skip
    texts = pages(session_note.render(data))
    whole = " ".join(texts)
    assert len(texts) > 3
    assert "<b>worse</b> & <i>sharp</i>" in whole  # printed as typed, not as markup
    assert "<b>Piriformis</b> & co" in whole
    for name in ("张伟", "Ἀλέξανδρος", "Ørsted"):
        assert name in whole
        assert_on_every_page(texts, name)
    # Arabic is shaped by HarfBuzz and laid out right to left: the glyphs come out reversed.
    assert "عائشة"[::-1] in whole or "عائشة" in whole


def test_fifty_targets_and_five_addenda_flow_across_pages() -> None:
    data = note_data(
        targets=tuple(target(n) for n in range(1, 51)),
        addenda=tuple(addendum(n, f"Addendum body {n} " + "more text " * 40) for n in range(1, 6)),
    )  # fmt: skip
    texts = pages(session_note.render(data))
    assert len(texts) > 1
    first_target = next(i for i, t in enumerate(texts) if "Gluteus medius 1" in t)
    last_target = next(i for i, t in enumerate(texts) if "Gluteus medius 50" in t)
    assert last_target > first_target
    assert "Muscle" in texts[last_target]  # the table header repeats on the next page
    signature = next(i for i, t in enumerate(texts) if "Signed by" in t)
    last_addendum = next(i for i, t in enumerate(texts) if "Addendum body 5" in t)
    assert last_addendum >= signature > first_target
    assert last_addendum > 0
    assert_on_every_page(texts, "T-000001")
    assert texts[-1].count("page") >= 1
    assert f"page {len(texts)} of {len(texts)}" in texts[-1]


def test_same_input_same_bytes() -> None:
    data = note_data(addenda=(addendum(1),))
    assert session_note.render(data) == session_note.render(data)
    later = replace(data, printed_at=PRINTED_AT.replace(hour=16))
    assert session_note.render(later) != session_note.render(data)
    assert home_plan.render(plan_data()) == home_plan.render(plan_data())
    assert progress_report.render(progress_data()) == progress_report.render(progress_data())


def test_note_without_neuro_exam_or_decision() -> None:
    texts = pages(session_note.render(note_data(neuro=None, decision=None, stimulation=(),
                                                adverse_events=())))  # fmt: skip
    whole = " ".join(texts)
    assert "Neurological examination" not in whole
    assert "Needling decision" not in whole
    assert "None recorded." in whole


# --- home plan ------------------------------------------------------------------------------
def test_plan_is_large_print_with_everything_a_patient_needs() -> None:
    data = plan_data()
    texts = pages(home_plan.render(data))
    whole = squash(" ".join(texts))
    for e in data.exercises:
        assert squash(e.name) in whole
        assert squash(e.dose) in whole
        assert squash(e.how_often) in whole
    for needle in ("Your home exercises", "How hard? Stop when you could do only 1 or 2 more",
                   "reps in reserve", "what is normal", "1 to 2 days", "Call us if",
                   "911", "(305) 555-0142", "120 Harbour Rd", "My exercise log", "Week 4",
                   "Mon", "Sun", "Bring this sheet to your next visit"):  # fmt: skip
        assert squash(needle) in whole, needle
    assert_on_every_page(texts, "LOPEZ, Ana", "T-000001")
    # Large type: body at least 12 pt, headings 16 pt.
    styles = {type(f).__name__ for f in home_plan.build_story(data)}
    assert "Paragraph" in styles
    for f in home_plan.build_story(data):
        if isinstance(f, Paragraph) and f.style.name not in ("Small",):
            assert f.style.fontSize >= 12, f.style.name
    assert stylesheet()["LargeHeading"].fontSize == 16
    assert stylesheet()["Large"].fontSize >= 12


def test_every_pose_kind_of_the_library_has_a_drawing() -> None:
    assert set(library().pose_kinds) <= set(pose_kinds())
    for kind in library().pose_kinds:
        d = illustration(kind)
        assert isinstance(d, Drawing)
        assert len(d.contents) > 4  # background, ground, body, head, arrow


# --- progress report ------------------------------------------------------------------------
def test_progress_report_shows_trends_mcid_sessions_and_responder_status() -> None:
    data = progress_data()
    texts = pages(progress_report.render(data))
    whole = squash(" ".join(texts))
    for needle in ("Progress report", "NPRS — Numeric pain rating", "7 → 3", "MCID",
                   "ODI — Oswestry", "Early responder", "Sessions and doses", "2026-10-22",
                   "Needles", "4 Hz 20 min", "16 in total", "2 mild", "01 Oct 26"):  # fmt: skip
        assert squash(needle) in whole, needle
    assert_on_every_page(texts, "LOPEZ, Ana", "T-000001")


def test_progress_report_without_scores_or_sessions() -> None:
    texts = pages(progress_report.render(progress_data(trends=(), sessions=(), responder=())))
    assert "No outcome scores recorded yet." in texts[0]
    assert "No sessions recorded." in " ".join(texts)


@pytest.mark.parametrize("value", ["a < b & c", "<b>bold</b>", "line\nbreak", "张伟"])
def test_text_escapes_markup_and_marks_fallback_runs(value: str) -> None:
    markup = text(value)
    assert "<b>" not in markup
    Paragraph(markup, stylesheet()["Body9"])  # parses
    if value == "张伟":
        assert 'font name="DroidSansFallback"' in markup
    assert PATIENT.mrn == "T-000001"


def test_a_multi_word_arabic_name_prints_in_right_to_left_word_order() -> None:
    # Each word is shaped by HarfBuzz; the words of a short run are given in visual order (the
    # first name on the right) and kept on one line, with Latin text around them untouched.
    markup = text("Patient محمد علي الحسن (DN-1)")
    assert "الحسن\u00a0علي\u00a0محمد" in markup
    assert markup.startswith("Patient ")
    assert markup.endswith("(DN-1)")
    long_note = " ".join(["ألم"] * 30)  # a whole note in Arabic: typed order, free to wrap
    assert long_note in text(long_note)
    buf = BytesIO()
    SimpleDocTemplate(buf).build([Paragraph(markup, stylesheet()["Body10"])])
    assert PdfReader(BytesIO(buf.getvalue())).pages[0].extract_text().strip()
