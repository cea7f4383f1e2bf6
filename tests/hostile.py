"""Hypothesis strategies for hostile free text: what a careless or malicious user could type."""

from __future__ import annotations

from hypothesis import strategies as st

NOTE_100K = ("Patient reports <b>pain</b> & stiffness; ‮RTL‬ 🩺 " * 2000)[:100_000]

SPECIMENS = (
    "",
    " ",
    "<para>",
    "</para><para>",
    "<b>bold</b> & <i>",
    "&amp; &lt; &#0; &bogus;",
    "<font name='x' size='999'>",
    "<img src='/etc/passwd'/>",
    "\x00\x01\x02\x07\x08\x0b\x0c\x1b\x1f\x7f\x85\x9f",
    "line one\r\nline two\rthree\u2028four",
    "مريض يعاني من ألم",  # Arabic (right to left)
    "המטופל מדווח על כאב",  # Hebrew
    "\u202eevil\u202c \u200f\u200e",  # bidi overrides and marks
    "🩺💉👩🏽‍⚕️🇺🇸",  # emoji, skin tone, ZWJ sequence, flag
    "Ørsted Ñúñez ǅ ß ﬁ",
    "e\u0301\u0301\u0301",  # stacked combining marks
    "DROP TABLE patients; --",
)


def note_100k() -> str:
    """The 100,000-character note (built lazily: strategy reprs stay short)."""
    return NOTE_100K


HOSTILE_CHARS = st.sampled_from(
    list("<>&;'\"/\\#=\x00\x01\x1b\x7f\x9f\u202e\u200f\u2028\t\n\r🩺ءש ")
)

hostile_text = st.one_of(
    st.sampled_from(SPECIMENS),
    st.builds(note_100k),
    st.text(max_size=60),
    st.text(HOSTILE_CHARS, max_size=60),
    st.builds(lambda a, b: a + b, st.sampled_from(SPECIMENS), st.text(max_size=20)),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4)
    ),
    max_leaves=12,
)
