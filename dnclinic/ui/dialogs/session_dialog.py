"""The session editor: write, autosave, save, sign and lock a needling-session note.

Every change restarts a short timer; when typing pauses the whole form is written to the
drafts table (``AUTOSAVE_MS``), so a crash loses at most the last seconds. A signed note opens
read-only, with its addenda, "Verify" and "Add addendum".
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from dnclinic.clinical.vocab import label
from dnclinic.services.drafts import SESSION_DRAFT
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.services.session_content import SessionContent, TargetEntry, content_to_payload
from dnclinic.ui.dialogs.addendum_dialog import AddendumDialog
from dnclinic.ui.theme import set_state
from dnclinic.ui.views.session_editor_view import SessionEditorView
from dnclinic.ui.widgets.form_bits import show_message

if TYPE_CHECKING:
    from dnclinic.services.drafts import DraftService
    from dnclinic.services.episodes import EpisodeRow
    from dnclinic.services.exams import ExamRecord
    from dnclinic.services.sessions import SessionRecord, SessionService

AUTOSAVE_MS = 1500
TIME_FORMAT = "%Y-%m-%d %H:%M"


def parse_local(text: str) -> datetime | None:
    """Read ``YYYY-MM-DD HH:MM`` as local time (aware), or None."""
    try:
        return datetime.strptime(text.strip(), TIME_FORMAT).astimezone()
    except ValueError:
        return None


class SessionDialog(QDialog):
    """Controller of :class:`SessionEditorView`."""

    session_saved = Signal(object)
    draft_saved = Signal()

    def __init__(
        self,
        sessions: SessionService,
        drafts: DraftService,
        patient_id: int,
        *,
        now: datetime,
        record: SessionRecord | None = None,
        initial: SessionContent | None = None,
        episodes: tuple[EpisodeRow, ...] = (),
        latest_exam: ExamRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._drafts = drafts
        self._patient_id = patient_id
        self.record = record
        self.setObjectName("sessionDialog")
        self.view = SessionEditorView(sessions.muscles, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.view)
        self.resize(1320, 730)
        v = self.view
        v.episode.addItem("—", None)
        for e in episodes:
            v.episode.addItem(f"{label(e.details.region)}: {e.details.diagnosis}", e.id)
        v.stimulation.set_context(segmental=False, precautions=sessions.precautions(patient_id))
        v.targets.set_quick_picks([], sessions.recent_muscles())
        if latest_exam is not None:
            v.targets.set_suggestions(self._suggestions(latest_exam))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._dirty = False
        first_episode = episodes[0].id if episodes and record is None and initial is None else None
        blank = SessionContent(session_at=now, episode_id=first_episode)
        content = initial or (record.content if record else blank)
        self.load(content)
        self._wire()
        self._show_state()
        if initial is not None and record is None:
            v.status.setText("Restored from an autosaved draft.")

    # --- form <-> content --------------------------------------------------------------------
    def load(self, c: SessionContent) -> None:
        """Fill the form from a note."""
        v = self.view
        v.session_at.setText(
            c.session_at.astimezone().strftime(TIME_FORMAT) if c.session_at else ""
        )
        v.episode.setCurrentIndex(max(v.episode.findData(c.episode_id), 0))
        v.consent.setChecked(c.consent_confirmed)
        v.pain_before.setValue(-1 if c.pain_before is None else c.pain_before)
        v.pain_after.setValue(-1 if c.pain_after is None else c.pain_after)
        for name, edit in v.soap.items():
            edit.setPlainText(getattr(c, name))
        v.targets.set_targets(c.targets)
        v.stimulation.set_settings(c.stimulation)
        v.adverse_events.set_events(c.adverse_events)

    def content(self) -> SessionContent:
        """Return the note as it is in the form now."""
        v = self.view

        def pain(value: int) -> int | None:
            return None if value < 0 else value

        return SessionContent(
            session_at=parse_local(v.session_at.text()),
            episode_id=v.episode.currentData(),
            consent_confirmed=v.consent.isChecked(),
            pain_before=pain(v.pain_before.value()),
            pain_after=pain(v.pain_after.value()),
            subjective=v.soap["subjective"].toPlainText(),
            objective=v.soap["objective"].toPlainText(),
            assessment=v.soap["assessment"].toPlainText(),
            plan=v.soap["plan"].toPlainText(),
            targets=v.targets.targets(),
            stimulation=v.stimulation.settings(),
            adverse_events=v.adverse_events.events(),
        )

    def _wire(self) -> None:
        v = self.view
        v.session_at.textChanged.connect(self._on_form_changed)
        v.episode.currentIndexChanged.connect(self._on_form_changed)
        v.consent.toggled.connect(self._on_form_changed)
        v.pain_before.valueChanged.connect(self._on_form_changed)
        v.pain_after.valueChanged.connect(self._on_form_changed)
        for edit in v.soap.values():
            edit.textChanged.connect(self._on_form_changed)
        v.targets.changed.connect(self._on_targets_changed)
        v.stimulation.changed.connect(self._on_form_changed)
        v.adverse_events.changed.connect(self._on_form_changed)
        v.targets.repeat_last.clicked.connect(self._on_repeat_last_clicked)
        v.save.clicked.connect(self.save)
        v.sign.clicked.connect(self.sign)
        v.verify.clicked.connect(self._on_verify_clicked)
        v.add_addendum.clicked.connect(self._on_add_addendum_clicked)
        v.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)

    # --- actions -----------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the note as a draft (create or new revision); True when saved."""
        self._timer.stop()
        self._clear_messages()
        content = self.content()
        try:
            if self.record is None:
                saved = self._sessions.create(self._patient_id, content)
            else:
                saved = self._sessions.update(self.record.id, self.record.version_id, content)
        except ValidationFailed as exc:
            self._show_issues(exc.issues)
            return False
        except ServiceError as exc:
            self._say(str(exc))
            return False
        self._discard_draft()
        self.record = saved.value
        self._dirty = False
        self.view.status.setText(f"Draft saved at {datetime.now().strftime('%H:%M:%S')}.")
        self.session_saved.emit(saved)
        self._show_state()
        return True

    def sign(self) -> bool:
        """Save pending changes, then sign (the service checks the gate); True when signed."""
        if (self.record is None or self._dirty) and not self.save():
            return False
        assert self.record is not None
        try:
            saved = self._sessions.sign(self.record.id, self.record.version_id)
        except ValidationFailed as exc:
            self._show_issues(exc.issues, prefix="Cannot sign yet: ")
            return False
        except ServiceError as exc:
            self._say(str(exc))
            return False
        self.record = saved.value
        self.session_saved.emit(saved)
        self._show_state()
        return True

    # --- slots -------------------------------------------------------------------------------
    def _on_form_changed(self, *_args: object) -> None:
        if self.record is not None and self.record.signed:
            return
        self._dirty = True
        self._timer.start()  # restarts: the draft is written when typing pauses

    def _on_targets_changed(self) -> None:
        v = self.view
        precautions = self._sessions.precautions(self._patient_id)
        v.stimulation.set_context(segmental=self.content().segmental, precautions=precautions)
        self._on_form_changed()

    def _on_timer_timeout(self) -> None:
        self.flush_draft()

    def flush_draft(self) -> None:
        """Write the autosave draft now (when there is something unsaved)."""
        self._timer.stop()
        if not self._dirty or (self.record is not None and self.record.signed):
            return
        target = self.record.id if self.record else 0
        try:
            self._drafts.save(
                self._patient_id, SESSION_DRAFT, content_to_payload(self.content()), target
            )
        except ServiceError as exc:  # e.g. locked out: say so, keep the text on screen
            self.view.status.setText(f"Not autosaved: {exc}")
            return
        self.view.status.setText(f"Autosaved at {datetime.now().strftime('%H:%M:%S')}.")
        self.draft_saved.emit()

    def _on_repeat_last_clicked(self) -> None:
        last = self._sessions.last_content(self._patient_id)
        if last is None:
            self.view.status.setText("No earlier session to repeat.")
            return
        self.view.targets.set_targets(last.targets)
        self.view.stimulation.set_settings(last.stimulation)

    def _on_verify_clicked(self) -> None:
        if self.record is None:
            return
        result = self._sessions.verify(self.record.id)
        level = "ok" if result.unaltered else "error"
        set_state(self.view.status, "level", level)
        self.view.status.setText(result.message)

    def _on_add_addendum_clicked(self) -> None:
        if self.record is None:
            return
        dialog = AddendumDialog(self._sessions, self.record.id, self)
        dialog.addendum_saved.connect(self._on_addendum_saved)
        self.addendum_dialog = dialog
        dialog.open()

    def _on_addendum_saved(self, saved: object) -> None:
        assert self.record is not None
        self.record = self._sessions.get(self.record.id)
        self._show_state()
        self.session_saved.emit(saved)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_draft()  # closing never loses what was typed: the chart offers it back
        super().closeEvent(event)

    def reject(self) -> None:
        self.flush_draft()
        super().reject()

    # --- helpers -----------------------------------------------------------------------------
    def _suggestions(self, exam: ExamRecord) -> list[TargetEntry]:
        out = []
        for item in exam.interpretation.implicated_levels:
            muscle = self._sessions.muscles.segmental_for(item.level)
            if muscle is not None:
                out.append(TargetEntry(muscle.code, item.side, "segmental", item.level))
        return out

    def _discard_draft(self) -> None:
        target = self.record.id if self.record else 0
        self._drafts.discard(self._patient_id, SESSION_DRAFT, target)
        if target:
            self._drafts.discard(self._patient_id, SESSION_DRAFT, 0)

    def _show_state(self) -> None:
        v = self.view
        rec = self.record
        signed = rec is not None and rec.signed
        title = "New session note" if rec is None else f"Session note — {rec.practitioner_name}"
        self.setWindowTitle(title + (" (signed)" if signed else ""))
        v.save.setVisible(not signed)
        v.sign.setVisible(not signed)
        v.verify.setVisible(signed)
        v.add_addendum.setVisible(signed)
        v.addenda_box.setVisible(signed)
        v.session_at.setReadOnly(signed)
        v.episode.setEnabled(not signed)
        v.consent.setEnabled(not signed)
        v.pain_before.setReadOnly(signed)
        v.pain_after.setReadOnly(signed)
        for edit in v.soap.values():
            edit.setReadOnly(signed)
        v.targets.set_read_only(signed)
        v.stimulation.set_read_only(signed)
        v.adverse_events.set_read_only(signed)
        if signed and rec is not None and rec.signed_at is not None:
            at = rec.signed_at.astimezone().strftime(TIME_FORMAT)
            v.signature.setText(
                f"Signed by {rec.signed_by} on {at}. This note is read-only; corrections go in "
                f"an addendum. SHA-256 {(rec.digest or '')[:16]}…"
            )
            v.signature.setVisible(True)
            v.addenda.setText(
                "<br><br>".join(
                    f"<b>{a.written_at.astimezone().strftime(TIME_FORMAT)}, {a.signed_by}</b> — "
                    f"<i>{a.reason}</i><br>{a.text}"
                    for a in rec.addenda
                )
                or "None."
            )

    def _clear_messages(self) -> None:
        v = self.view
        v.banner.setVisible(False)
        show_message(v.session_at_error, "")
        show_message(v.consent_error, "")

    def _say(self, text: str) -> None:
        self.view.banner.setText(text)
        self.view.banner.setVisible(True)

    def _show_issues(self, issues: tuple[object, ...] | list[object], prefix: str = "") -> None:
        v = self.view
        lines = []
        for issue in issues:
            field = getattr(issue, "field", "")
            message = getattr(issue, "message", str(issue))
            if field == "session_at":
                show_message(v.session_at_error, message)
                v.session_at.setFocus(Qt.FocusReason.OtherFocusReason)
            elif field == "consent_confirmed":
                show_message(v.consent_error, message)
            lines.append(message)
        self._say(prefix + " ".join(lines))
