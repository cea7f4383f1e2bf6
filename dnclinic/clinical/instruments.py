"""Outcome instruments: items and answer options, written for the app from the published structure.

The wording is the app's own, following the structure of each instrument (CLINICAL_REFERENCE
section 5): ODI v2.1a [FAI00], NDI [VER91], PSFS [HORN12], BPI short form [DWO08], NPRS and VAS
[OST08], pressure pain threshold [WAL11]. An option's position is its score (0 first).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final


@dataclass(frozen=True, slots=True)
class Item:
    """One question: a key, the question text, and answer options (index = score)."""

    key: str
    text: str
    options: tuple[str, ...] = ()


def _item(key: str, text: str, *options: str) -> Item:
    return Item(key, text, options)


ODI_ITEMS: Final = (
    _item(
        "pain_intensity",
        "Pain intensity",
        "I have no pain at the moment.",
        "The pain is very mild at the moment.",
        "The pain is moderate at the moment.",
        "The pain is fairly severe at the moment.",
        "The pain is very severe at the moment.",
        "The pain is the worst imaginable at the moment.",
    ),
    _item(
        "personal_care",
        "Personal care (washing, dressing)",
        "I look after myself normally without extra pain.",
        "I look after myself normally, but it is very painful.",
        "Looking after myself is painful, and I am slow and careful.",
        "I need some help, but manage most of my personal care.",
        "I need help every day with most of my personal care.",
        "I do not get dressed; I wash with difficulty and stay in bed.",
    ),
    _item(
        "lifting",
        "Lifting",
        "I can lift heavy weights without extra pain.",
        "I can lift heavy weights, but it gives extra pain.",
        "Pain stops me lifting heavy weights off the floor, but I manage if they are well placed.",
        "Pain stops me lifting heavy weights; I manage light to medium ones if well placed.",
        "I can lift only very light weights.",
        "I cannot lift or carry anything.",
    ),
    _item(
        "walking",
        "Walking",
        "Pain does not stop me walking any distance.",
        "Pain stops me walking more than about 1.5 km (1 mile).",
        "Pain stops me walking more than about 500 m (a quarter of a mile).",
        "Pain stops me walking more than about 100 m.",
        "I can only walk with a stick or crutches.",
        "I am in bed most of the time.",
    ),
    _item(
        "sitting",
        "Sitting",
        "I can sit in any chair as long as I like.",
        "I can sit in my favourite chair as long as I like.",
        "Pain stops me sitting for more than 1 hour.",
        "Pain stops me sitting for more than 30 minutes.",
        "Pain stops me sitting for more than 10 minutes.",
        "Pain stops me sitting at all.",
    ),
    _item(
        "standing",
        "Standing",
        "I can stand as long as I want without extra pain.",
        "I can stand as long as I want, but it gives extra pain.",
        "Pain stops me standing for more than 1 hour.",
        "Pain stops me standing for more than 30 minutes.",
        "Pain stops me standing for more than 10 minutes.",
        "Pain stops me standing at all.",
    ),
    _item(
        "sleeping",
        "Sleeping",
        "Pain never disturbs my sleep.",
        "Pain sometimes disturbs my sleep.",
        "Because of pain I sleep less than 6 hours.",
        "Because of pain I sleep less than 4 hours.",
        "Because of pain I sleep less than 2 hours.",
        "Pain stops me sleeping at all.",
    ),
    _item(
        "sex_life",
        "Sex life (leave blank if it does not apply)",
        "My sex life is normal and gives no extra pain.",
        "My sex life is normal, but gives some extra pain.",
        "My sex life is nearly normal, but very painful.",
        "My sex life is severely limited by pain.",
        "My sex life is nearly absent because of pain.",
        "Pain prevents any sex life at all.",
    ),
    _item(
        "social_life",
        "Social life",
        "My social life is normal and gives no extra pain.",
        "My social life is normal, but increases the pain.",
        "Pain limits only my more energetic interests, such as sport.",
        "Pain has limited my social life; I do not go out as often.",
        "Pain has limited my social life to my home.",
        "I have no social life because of pain.",
    ),
    _item(
        "travelling",
        "Travelling",
        "I can travel anywhere without pain.",
        "I can travel anywhere, but it gives extra pain.",
        "Pain is bad, but I manage journeys over 2 hours.",
        "Pain limits me to journeys of less than 1 hour.",
        "Pain limits me to short necessary journeys under 30 minutes.",
        "Pain stops me travelling except to get treatment.",
    ),
)

_NDI_SCALE = (
    "Not at all.",
    "Slightly.",
    "Moderately.",
    "Fairly severely.",
    "Very severely.",
    "Completely; I cannot do it at all.",
)
NDI_ITEMS: Final = (
    _item(
        "pain_intensity",
        "Pain intensity right now",
        "I have no pain at the moment.",
        "The pain is very mild at the moment.",
        "The pain is moderate at the moment.",
        "The pain is fairly severe at the moment.",
        "The pain is very severe at the moment.",
        "The pain is the worst imaginable at the moment.",
    ),
    _item("personal_care", "How much does neck pain limit washing and dressing?", *_NDI_SCALE),
    _item("lifting", "How much does neck pain limit lifting?", *_NDI_SCALE),
    _item("reading", "How much does neck pain limit reading?", *_NDI_SCALE),
    _item(
        "headaches",
        "Headaches",
        "I have no headaches at all.",
        "I have slight headaches that come rarely.",
        "I have moderate headaches that come rarely.",
        "I have moderate headaches that come often.",
        "I have severe headaches that come often.",
        "I have headaches almost all the time.",
    ),
    _item("concentration", "How much does neck pain limit concentrating?", *_NDI_SCALE),
    _item("work", "How much does neck pain limit your work?", *_NDI_SCALE),
    _item("driving", "How much does neck pain limit driving?", *_NDI_SCALE),
    _item("sleeping", "How much does neck pain disturb your sleep?", *_NDI_SCALE),
    _item("recreation", "How much does neck pain limit leisure activities?", *_NDI_SCALE),
)

_NRS = tuple(str(n) for n in range(11))
BPI_SEVERITY_ITEMS: Final = tuple(
    Item(key, f"Your pain {when} (0 = no pain, 10 = pain as bad as you can imagine)", _NRS)
    for key, when in (
        ("worst", "at its worst in the last 24 hours"),
        ("least", "at its least in the last 24 hours"),
        ("average", "on average"),
        ("now", "right now"),
    )
)
BPI_INTERFERENCE_ITEMS: Final = tuple(
    Item(
        key,
        f"In the last 24 hours, how much has pain interfered with {what}? "
        "(0 = not at all, 10 = completely)",
        _NRS,
    )
    for key, what in (
        ("general_activity", "your general activity"),
        ("mood", "your mood"),
        ("walking", "your walking"),
        ("normal_work", "your normal work, inside and outside the home"),
        ("relations", "your relations with other people"),
        ("sleep", "your sleep"),
        ("enjoyment", "your enjoyment of life"),
    )
)

ITEMS: Final = MappingProxyType(
    {
        "NPRS": (Item("pain", "Your pain right now (0 = no pain, 10 = worst imaginable)", _NRS),),
        "VAS": (Item("pain", "Mark your pain on the 100 mm line (0 = no pain, 100 = worst)"),),
        "ODI": ODI_ITEMS,
        "NDI": NDI_ITEMS,
        "PSFS": tuple(
            Item(
                f"activity_{n}",
                f"Activity {n}: how well can you do it today? "
                "(0 = unable, 10 = as well as before the problem)",
                _NRS,
            )
            for n in range(1, 6)
        ),
        "PPT": tuple(
            Item(f"trial_{n}", f"Trial {n}: pressure at which pressure turns to pain (kg/cm²)")
            for n in range(1, 4)
        ),
        "BPI": BPI_SEVERITY_ITEMS + BPI_INTERFERENCE_ITEMS,
    }
)
"""Items of every instrument, in answer order."""
