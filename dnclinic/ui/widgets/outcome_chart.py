"""Outcome trends (QtCharts): the scores, the baseline, the MCID band and the session dates.

Pain and function are drawn side by side (DECISION_RULES section 5: function improves less
consistently than pain; show both). The band around the baseline is the change smaller than the
MCID: a later score outside it is a clinically important change.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dnclinic.clinical.outcomes import spec

if TYPE_CHECKING:
    from dnclinic.services.outcomes import Trend

SCORE_COLOUR = QColor("#1f5f99")
BASELINE_COLOUR = QColor("#5b6670")
BAND_COLOUR = QColor(47, 127, 196, 40)
SESSION_COLOUR = QColor("#c77700")
DAY_MS = 86_400_000


def _ms(day: date) -> float:
    # Noon local time, in milliseconds since the epoch (what QDateTimeAxis plots).
    return datetime.combine(day, time(12)).astimezone().timestamp() * 1000


class TrendChart(QWidget):
    """One instrument's chart, with a picker of the instruments the patient has scores for."""

    instrument_chosen = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = QComboBox(self)
        self.picker.setAccessibleName(f"{title} instrument")
        self.chart = _new_chart()
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(360, 260)
        self.summary = QLabel(self)
        self.summary.setObjectName("trendSummary")
        self.summary.setWordWrap(True)
        self.points = QLineSeries()
        self.trend: Trend | None = None
        header = QHBoxLayout()
        caption = QLabel(f"<b>{title}</b>", self)
        header.addWidget(caption)
        header.addWidget(self.picker, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        self.picker.currentIndexChanged.connect(self._on_picker_changed)

    def set_instruments(self, codes: list[str], current: str | None) -> None:
        """Offer ``codes`` in the picker (without emitting)."""
        self.picker.blockSignals(True)
        self.picker.clear()
        for code in codes:
            self.picker.addItem(spec(code).name, code)
        self.picker.setCurrentIndex(max(self.picker.findData(current), 0))
        self.picker.blockSignals(False)

    def show_trend(self, trend: Trend | None, empty_text: str) -> None:
        """Draw one instrument (or say there is nothing to draw)."""
        self.trend = trend
        # A fresh chart per drawing: axes removed from a reused QChart can linger on screen.
        old, chart = self.chart, _new_chart()
        self.chart = chart
        self.view.setChart(chart)
        old.deleteLater()
        self.points = QLineSeries()
        if trend is None or not trend.points:
            chart.setTitle(empty_text)
            self.summary.setText("")
            return
        unit = f" ({trend.unit})" if trend.unit else ""
        chart.setTitle(f"{trend.name}{unit}")
        days = [d for d, _ in trend.points] + list(trend.session_dates)
        first, last = min(days), max(days)
        x0, x1 = _ms(first) - DAY_MS, _ms(last) + DAY_MS
        x_axis = QDateTimeAxis()
        x_axis.setFormat("d MMM")
        x_axis.setTickCount(4)
        x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(x0)), QDateTime.fromMSecsSinceEpoch(int(x1))
        )
        y_axis = QValueAxis()
        y_axis.setRange(trend.value_min, trend.value_max)
        y_axis.setLabelFormat("%g")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        if trend.mcid_low is not None and trend.mcid_high is not None:
            upper, lower = QLineSeries(), QLineSeries()
            for x in (x0, x1):
                upper.append(x, trend.mcid_high)
                lower.append(x, trend.mcid_low)
            band = QAreaSeries(upper, lower)
            upper.setParent(band)  # the area does not own its edges; keep them alive with it
            lower.setParent(band)
            band.setName("MCID band")
            band.setBrush(QBrush(BAND_COLOUR))
            band.setPen(QPen(Qt.PenStyle.NoPen))
            self._add(band, x_axis, y_axis)
        if trend.baseline is not None:
            base = QLineSeries()
            base.setName("Baseline")
            base.append(x0, trend.baseline)
            base.append(x1, trend.baseline)
            base.setPen(QPen(BASELINE_COLOUR, 1.5, Qt.PenStyle.DashLine))
            self._add(base, x_axis, y_axis)
        if trend.session_dates:
            sessions = QScatterSeries()
            sessions.setName("Sessions")
            sessions.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
            sessions.setMarkerSize(9)
            sessions.setColor(SESSION_COLOUR)
            sessions.setBorderColor(SESSION_COLOUR)
            low = trend.value_min + (trend.value_max - trend.value_min) * 0.02
            for d in trend.session_dates:
                sessions.append(_ms(d), low)
            self._add(sessions, x_axis, y_axis)
        self.points.setName("Score")
        self.points.setPen(QPen(SCORE_COLOUR, 2.5))
        self.points.setPointsVisible(True)
        for d, value in trend.points:
            self.points.append(_ms(d), value)
        self._add(self.points, x_axis, y_axis)
        self.summary.setText(_summary(trend))

    def _add(
        self, series: QLineSeries | QAreaSeries | QScatterSeries, x: QDateTimeAxis, y: QValueAxis
    ) -> None:
        self.chart.addSeries(series)
        series.attachAxis(x)
        series.attachAxis(y)

    def _on_picker_changed(self, _index: int) -> None:
        code = self.picker.currentData()
        if code:
            self.instrument_chosen.emit(str(code))


def _new_chart() -> QChart:
    chart = QChart()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _summary(trend: Trend) -> str:
    parts = [f"{len(trend.points)} score(s); baseline {trend.baseline:g}."]
    if trend.change is not None:
        parts.append(trend.change.explanation)
    if trend.responder is not None and trend.responder.early_responder is not None:
        drop = trend.responder.drop
        status = "early responder" if trend.responder.early_responder else "not an early responder"
        parts.append(
            f"Responder status: {status} (pain {trend.responder.baseline_pain} → "
            f"{trend.responder.followup_pain}, drop {drop}; DECISION_RULES 5)."
        )
    return " ".join(parts)


class OutcomeTrends(QWidget):
    """Pain and function side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeTrends")
        self.pain = TrendChart("Pain", self)
        self.function = TrendChart("Function", self)
        layout = QHBoxLayout(self)
        layout.addWidget(self.pain, 1)
        layout.addWidget(self.function, 1)
