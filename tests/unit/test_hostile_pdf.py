"""PDF rendering of free text: hostile text prints as typed (read back with pypdf), never raises."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

from hostile import NOTE_100K, hostile_text
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from dnclinic.reports.audit_report import AuditLine, AuditReport, render
from dnclinic.reports.text import chunks, markup, printable

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)


def report(text: str) -> AuditReport:
    line = AuditLine(NOW, text[:60], text[:40], text[:40], text[:20], text)
    return AuditReport(text[:300], text[:300], text[:200], (line,), NOW)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_audit_report_renders_any_text(text: str) -> None:
    pdf = render(report(text))
    assert pdf.startswith(b"%PDF")
    assert "Audit log" in pdf_text(pdf)


def test_markup_characters_print_literally() -> None:
    typed = "<para>pain & <b>stiffness</b> &amp; 5 < 6"
    text = pdf_text(render(report(typed)))
    assert typed in text.replace("\n", " ")


def test_a_100k_note_spreads_over_pages_instead_of_failing() -> None:
    reader = PdfReader(BytesIO(render(report(NOTE_100K))))
    assert len(reader.pages) > 5
    assert "stiffness" in reader.pages[-1].extract_text()


def test_text_helpers() -> None:
    assert printable("a\x00b\tc\r\nd\u2028e") == "a b c\nd\ne"
    assert markup("<a> & b\nc") == "&lt;a&gt; &amp; b<br/>c"
    pieces = chunks("word " * 1000, 100)
    assert "".join(pieces) == "word " * 1000
    assert max(len(p) for p in pieces) <= 100
