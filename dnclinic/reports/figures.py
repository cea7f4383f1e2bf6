"""Simple stick-figure illustrations for the home-loading plan, drawn as vector graphics.

One pose per pose kind of the exercise library (``resources/exercises.json``): a figure, the
equipment it uses (wall, band, chair, table, weight) and a blue arrow showing the movement.
Nothing is downloaded; every drawing is a few lines, so it prints sharply at any size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Final

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect
from reportlab.lib import colors

WIDTH: Final = 150.0
HEIGHT: Final = 120.0
GROUND: Final = 12.0
BODY = colors.HexColor("#1b2733")
PROP = colors.HexColor("#8a96a3")
ARROW = colors.HexColor("#1f6fb2")

Point = tuple[float, float]
Polyline = list[Point]


@dataclass(frozen=True)
class Pose:
    """A stick figure: head centre, limbs, props, a movement arrow and/or an arc.

    ``arc`` is (centre, radius, start and end angles in degrees).
    """

    head: Point
    body: list[Polyline]
    props: list[Polyline] = field(default_factory=list)
    arrow: tuple[Point, Point] | None = None
    arc: tuple[Point, float, float, float] | None = None
    r: float = 9
    feet: Polyline | None = None
    weight: Point | None = None


_STAND_LEGS: Final[list[Polyline]] = [
    [(62, GROUND), (70, 38), (70, 62)],
    [(78, GROUND), (74, 38), (70, 62)],
]
_SPINE: Final[Polyline] = [(70, 62), (70, 94)]

POSES: Final[dict[str, Pose]] = {
    "chin_tuck": Pose(
        head=(73, 104),
        body=[*_STAND_LEGS, _SPINE, [(70, 90), (74, 70), (76, 56)]],
        arrow=((100, 104), (84, 104)),
    ),
    "neck_rotation": Pose(
        head=(75, 92),
        r=14,
        body=[
            [(35, 62), (115, 62)],
            [(75, 62), (75, 78)],
            [(75, 62), (75, 25)],
            [(35, 62), (30, 25)],
            [(115, 62), (120, 25)],
            [(75, 92), (87, 90)],
        ],
        arc=((75, 92), 24, 20, 150),
    ),
    "jaw_open": Pose(
        head=(75, 72),
        r=26,
        body=[
            [(75, 46), (75, 30)],
            [(40, 26), (110, 26)],
            [(66, 64), (84, 64), (84, 56), (66, 56), (66, 64)],
            [(64, 80), (68, 80)],
            [(82, 80), (86, 80)],
        ],
        arrow=((112, 66), (112, 44)),
    ),
    "band_row": Pose(
        head=(62, 104),
        body=[
            *[[(x - 8, y) for x, y in leg] for leg in _STAND_LEGS],
            [(62, 62), (62, 94)],
            [(62, 90), (48, 78), (66, 74)],
        ],
        props=[[(66, 74), (138, 80)], [(138, 40), (138, 112)]],
        arrow=((100, 60), (76, 60)),
    ),
    "arm_raise": Pose(
        head=(75, 104),
        body=[
            [(65, GROUND), (70, 38), (75, 62)],
            [(85, GROUND), (80, 38), (75, 62)],
            [(75, 62), (75, 94)],
            [(75, 90), (50, 108), (38, 116)],
            [(75, 90), (100, 108), (112, 116)],
        ],
        arc=((75, 90), 52, 95, 150),
    ),
    "wall_push": Pose(
        head=(100, 96),
        body=[
            [(50, GROUND), (60, 36), (70, 58)],
            [(58, GROUND), (64, 36), (70, 58)],
            [(70, 58), (94, 86)],
            [(92, 84), (110, 74), (126, 86)],
        ],
        props=[[(128, GROUND), (128, 116)]],
        arrow=((84, 58), (104, 72)),
    ),
    "wrist_curl": Pose(
        head=(40, 98),
        body=[
            [(40, 88), (40, 54)],
            [(40, 54), (70, 54), (70, GROUND)],
            [(40, 82), (52, 66), (96, 66)],
            [(96, 66), (108, 76)],
        ],
        props=[
            [(60, 62), (128, 62)],
            [(120, 62), (120, GROUND)],
            [(104, 72), (114, 82)],
            [(30, 54), (30, GROUND)],
        ],
        weight=(109, 78),
        arc=((96, 66), 24, 10, 80),
    ),
    "plank": Pose(
        head=(128, 44),
        body=[
            [(22, GROUND + 2), (68, 32), (114, 40)],
            [(114, 40), (112, GROUND + 2), (134, GROUND + 2)],
        ],
        arrow=((68, 60), (68, 44)),
    ),
    "bird_dog": Pose(
        head=(112, 62),
        body=[
            [(56, 52), (100, 56)],
            [(100, 56), (100, GROUND + 2)],
            [(56, 52), (56, GROUND + 2), (40, GROUND + 2)],
            [(100, 58), (140, 64)],
            [(56, 52), (14, 56)],
        ],
        arrow=((126, 84), (142, 84)),
    ),
    "bridge": Pose(
        head=(16, 22),
        body=[
            [(26, GROUND + 6), (70, 42)],
            [(70, 42), (98, 44), (104, GROUND)],
            [(30, GROUND + 6), (54, GROUND + 2)],
        ],
        arrow=((70, 60), (70, 84)),
    ),
    "squat": Pose(
        head=(80, 88),
        body=[
            [(70, GROUND), (92, 36), (60, 44)],
            [(60, 44), (76, 78)],
            [(76, 74), (100, 72), (118, 72)],
            [(70, GROUND), (82, GROUND)],
        ],
        arrow=((34, 80), (34, 52)),
    ),
    "lunge": Pose(
        head=(72, 100),
        body=[
            [(72, 90), (72, 56)],
            [(72, 56), (100, 52), (102, GROUND)],
            [(72, 56), (52, 24), (30, GROUND + 2)],
            [(72, 86), (70, 68), (74, 58)],
        ],
        arrow=((128, 78), (128, 50)),
    ),
    "heel_raise": Pose(
        head=(70, 108),
        body=[
            [(68, GROUND), (70, 46), (70, 72)],
            [(70, 72), (70, 98)],
            [(70, 94), (82, 82), (96, 84)],
        ],
        props=[[(100, GROUND), (100, 100)]],
        feet=[(62, GROUND + 10), (76, GROUND)],
        arrow=((40, 56), (40, 84)),
    ),
    "side_lying_leg_lift": Pose(
        head=(16, 30),
        body=[
            [(26, 26), (76, 22)],
            [(76, 22), (134, GROUND + 2)],
            [(76, 22), (134, 46)],
            [(30, 28), (44, GROUND + 2)],
        ],
        arrow=((112, 58), (120, 80)),
    ),
}


def _polyline(points: Polyline, colour: colors.Color, width: float) -> PolyLine:
    flat = [c for p in points for c in p]
    return PolyLine(flat, strokeColor=colour, strokeWidth=width, strokeLineCap=1,
                    strokeLineJoin=1)  # fmt: skip


def _arrow(d: Drawing, start: Point, end: Point) -> None:
    d.add(Line(*start, *end, strokeColor=ARROW, strokeWidth=2.5, strokeLineCap=1))
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    tip = [end]
    for turn in (2.6, -2.6):
        tip.append((end[0] + 8 * math.cos(angle + turn), end[1] + 8 * math.sin(angle + turn)))
    d.add(Polygon([c for p in tip for c in p], fillColor=ARROW, strokeColor=ARROW, strokeWidth=1))


def _arc(d: Drawing, centre: Point, radius: float, start: float, end: float) -> None:
    steps = 16
    pts = [
        (centre[0] + radius * math.cos(math.radians(start + (end - start) * i / steps)),
         centre[1] + radius * math.sin(math.radians(start + (end - start) * i / steps)))
        for i in range(steps + 1)
    ]  # fmt: skip
    d.add(_polyline(pts[:-1], ARROW, 2.5))
    _arrow(d, pts[-2], pts[-1])


def pose_kinds() -> tuple[str, ...]:
    """Return the pose kinds this module can draw."""
    return tuple(POSES)


def illustration(kind: str, scale: float = 1.0) -> Drawing:
    """Return the stick-figure drawing for a pose kind (a plain figure for an unknown kind).

    Args:
        kind: a pose kind from the exercise library, e.g. ``"bridge"``.
        scale: size factor (1.0 is 150 x 120 pt).
    """
    pose = POSES.get(kind, POSES["arm_raise"])
    d = Drawing(WIDTH * scale, HEIGHT * scale)
    d.add(Rect(0, 0, WIDTH, HEIGHT, fillColor=colors.HexColor("#f5f8fb"), strokeColor=None))
    d.add(Line(4, GROUND, WIDTH - 4, GROUND, strokeColor=PROP, strokeWidth=1))
    for prop in pose.props:
        d.add(_polyline(prop, PROP, 3))
    for limb in pose.body:
        d.add(_polyline(limb, BODY, 4))
    if pose.feet is not None:
        d.add(_polyline(pose.feet, BODY, 4))
    if pose.weight is not None:
        x, y = pose.weight
        d.add(Rect(x - 6, y - 3, 12, 6, fillColor=PROP, strokeColor=None))
    hx, hy = pose.head
    d.add(Circle(hx, hy, pose.r, fillColor=colors.white, strokeColor=BODY, strokeWidth=3))
    if pose.arrow is not None:
        _arrow(d, *pose.arrow)
    if pose.arc is not None:
        _arc(d, *pose.arc)
    d.scale(scale, scale)
    return d
