"""A bar chart of training hours per practitioner, coloured by status against the threshold."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dnclinic.services.training_dashboard import PractitionerTrainingRow

ELIGIBLE = QColor("#2e7d4f")
SHORT = QColor("#d08a1e")


class HoursChart(QWidget):
    """Hours per practitioner: eligible in green, under the threshold or minimum in amber."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hoursChart")
        self.chart = QChart()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.names: list[str] = []
        self.hours: list[float] = []

    def show_rows(self, rows: Sequence[PractitionerTrainingRow]) -> None:
        """Draw the rows given (in their order)."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.names = [r.name for r in rows]
        self.hours = [float(r.totals.total) for r in rows]
        ok = QBarSet("Eligible")
        ok.setColor(ELIGIBLE)
        short = QBarSet("Under threshold or minimum")
        short.setColor(SHORT)
        for r, hours in zip(rows, self.hours, strict=True):
            ok.append(hours if r.eligibility.eligible else 0.0)
            short.append(0.0 if r.eligibility.eligible else hours)
        series = QStackedBarSeries()
        series.append(ok)
        series.append(short)
        series.setBarWidth(0.6)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([n.split(" ")[-1] for n in self.names])  # family names fit
        values = QValueAxis()
        top = max([*self.hours, *(float(r.eligibility.threshold_hours) for r in rows), 10.0])
        values.setRange(0, top * 1.1)
        values.setLabelFormat("%d")
        values.setTitleText("hours")
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        threshold = rows[0].eligibility.threshold_hours if rows else None
        self.chart.setTitle(
            f"Training hours (more than {threshold} h required)"
            if threshold is not None
            else "Training hours"
        )
