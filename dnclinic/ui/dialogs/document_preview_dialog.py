"""Preview a patient document, then export or print it (the exact bytes previewed are archived).

The PDF is written to the clinic's temporary folder and shown page by page with QtPdf. When an
archived copy of the same document exists, the dialog offers it: reprinting gives the patient
exactly what was handed over before, byte for byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dnclinic.services.errors import ServiceError
from dnclinic.ui.errors import show_error

if TYPE_CHECKING:
    from dnclinic.services.documents import DocumentRow, DocumentService, RenderedDocument


class DocumentPreviewDialog(QDialog):
    """Shows one rendered (or archived) document with Export, Print and Close."""

    exported = Signal(object)  # Saved[...] for the change bus

    def __init__(
        self,
        documents: DocumentService,
        doc: RenderedDocument,
        temp_dir: Path,
        archived: DocumentRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentPreview")
        self.setWindowTitle(f"{doc.title} — preview")
        self._documents = documents
        self.doc = doc
        self.archived = archived
        self.using_archive = False
        self._temp = temp_dir
        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        self.status = QLabel(self)
        self.status.setObjectName("statusBanner")
        self.status.setWordWrap(True)
        self.use_archive = QPushButton("Use the &archived copy", self)
        self.use_archive.setVisible(archived is not None)
        self.export_button = QPushButton("&Export PDF…", self)
        self.print_button = QPushButton("&Print…", self)
        self.close_button = QPushButton("Close", self)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        for b in (self.use_archive, self.export_button, self.print_button, self.close_button):
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.use_archive.clicked.connect(self._on_use_archive_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.close_button.clicked.connect(self.close)
        self.resize(900, 760)
        self._load(doc.pdf)
        self.status.setText(self._describe())

    def sizeHint(self) -> QSize:
        return QSize(900, 760)

    # --- public, for the buttons and for tests -----------------------------------------------
    def pdf_bytes(self) -> bytes:
        """Return the bytes an export or print would hand over (archived copy when chosen)."""
        if self.using_archive and self.archived is not None:
            return self._documents.reprint(self.archived.id)
        saved = self._documents.archive(self.doc)
        self.exported.emit(saved)
        return self.doc.pdf

    def export_to(self, path: Path) -> Path:
        """Archive (or reprint) the document and write it to ``path``."""
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        path.write_bytes(self.pdf_bytes())
        self.status.setText(f"Exported to {path}; archived in the patient's record.")
        return path

    def print_on(self, printer: QPrinter) -> None:
        """Print every page on ``printer`` (archived first, as an export)."""
        self.pdf_bytes()
        painter = QPainter()
        if not painter.begin(printer):
            raise ServiceError("The printer could not be started.")
        try:
            rect = painter.viewport()
            for page in range(self.pdf.pageCount()):
                if page:
                    printer.newPage()
                image = self.pdf.render(page, rect.size())
                painter.drawImage(rect, image)
        finally:
            painter.end()
        self.status.setText("Sent to the printer; archived in the patient's record.")

    # --- internals ---------------------------------------------------------------------------
    def _load(self, data: bytes) -> None:
        path = self._temp / f"preview-{self.doc.kind}-{self.doc.patient_id}.pdf"
        path.write_bytes(data)
        self.pdf.close()
        self.pdf.load(str(path))

    def _describe(self) -> str:
        if self.using_archive and self.archived is not None:
            a = self.archived
            return (f"Archived copy printed {a.printed_at:%Y-%m-%d %H:%M} UTC by "
                    f"{a.author_name or a.author} (SHA-256 {a.sha256[:12]}…).")  # fmt: skip
        text = f"{self.doc.title}: {self.pdf.pageCount()} page(s)."
        if self.archived is not None:
            text += (f" An archived copy from {self.archived.printed_at:%Y-%m-%d} exists: "
                     "reprint it to hand over exactly the same document.")  # fmt: skip
        return text

    def _on_use_archive_clicked(self) -> None:
        if self.archived is None:
            return
        try:
            self._load(self._documents.reprint(self.archived.id, how="preview"))
        except ServiceError as exc:
            show_error(self, "Archived copy", str(exc))
            return
        self.using_archive = True
        self.use_archive.setEnabled(False)
        self.status.setText(self._describe())

    def _on_export_clicked(self) -> None:
        dialog = QFileDialog(self, "Export PDF", f"{self.doc.title}.pdf", "PDF files (*.pdf)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(self._on_file_selected)
        dialog.open()

    def _on_file_selected(self, name: str) -> None:
        try:
            self.export_to(Path(name))
        except (ServiceError, OSError) as exc:
            show_error(self, "Export", str(exc))

    def _on_print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self._on_print_accepted(printer))
        dialog.show()  # non-blocking (QPrintDialog.open() needs a receiver slot)

    def _on_print_accepted(self, printer: QPrinter) -> None:
        try:
            self.print_on(printer)
        except ServiceError as exc:
            show_error(self, "Print", str(exc))
