"""Print preview: an archived case document on screen, with Print, Save as PDF and Close.

The PDF shown is the one :class:`~townclerk.services.printing.PrintService` has already written
and archived, so closing the dialog without printing loses nothing. Printing goes through the
system's print dialog; each chosen page is rendered by QtPdf at the printer's own resolution and
painted onto the printer, so what comes out is what the preview shows.

Rendering a page at 600-1200 dpi and handing it to the print system takes about a second a page,
so a :class:`PrintJob` does it on a worker thread behind a progress dialog that can cancel it.
Pages are rendered in horizontal bands: an A4 page at 1200 dpi is a 525 MB image in one piece.

    preview_document(parent, pdf_path, "受理通知书 320324101-20260929-0001")
"""

from __future__ import annotations

import enum
import errno
import logging
import os
import shutil
import threading
import uuid
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QShortcut,
)
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import pt, t
from townclerk.ui import style
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.widgets.file_dialogs import (
    FileKind,
    dialog_options,
    remember_folder,
    start_folder,
)
from townclerk.ui.widgets.progress_dialog import task_progress
from townclerk.ui.worker import Progress, TaskRunner

log = logging.getLogger("townclerk.ui.printing")

POINTS_PER_INCH = 72
# Pixels rendered at a time while printing: 16 M pixels is 64 MB of image, whatever the dpi.
BAND_PIXELS = 16_000_000
# A page at most this much bigger than the sheet is the same paper size, rounded differently.
SAME_PAPER = 1.01
# A print that takes longer than this shows its progress (and a Cancel button).
PROGRESS_DELAY_MS = 400


def printer_installed() -> bool:
    return bool(QPrinterInfo.availablePrinters())


# --- which pages, in which order ---------------------------------------------------------------
def chosen_pages(printer: QPrinter, page_count: int, current_page: int) -> list[int]:
    """The 0-based pages the print dialog asked for, in printing order."""
    every_page = list(range(page_count))
    match printer.printRange():
        case QPrinter.PrintRange.CurrentPage:
            pages = [current_page] if 0 <= current_page < page_count else []
        case QPrinter.PrintRange.PageRange:
            ranges = printer.pageRanges()
            if ranges.isEmpty():
                first, last = printer.fromPage(), printer.toPage()
                pages = [p for p in every_page if first <= p + 1 <= last]
            else:
                pages = [p for p in every_page if ranges.contains(p + 1)]
        case _:
            pages = every_page
    if printer.pageOrder() is QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


def with_copies(pages: list[int], copies: int, collate: bool) -> list[int]:
    """Collated: 1 2 1 2; not collated: 1 1 2 2."""
    if collate:
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def print_sequence(printer: QPrinter, page_count: int, current_page: int) -> list[int]:
    """Every sheet to paint. Copies are painted here only when the print system cannot make
    them itself (printing to a PDF file, some drivers)."""
    pages = chosen_pages(printer, page_count, current_page)
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    return with_copies(pages, copies, printer.collateCopies())


def page_size_of(points: QSizeF) -> QPageSize:
    """The standard paper (A4, A5…) the PDF page is, or a custom one of the same size."""
    return QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)


def prepare_printer(printer: QPrinter, page_points: QSizeF, job_name: str) -> None:
    """Paper, orientation and job name from the document, before the print dialog."""
    printer.setDocName(job_name)
    printer.setPageSize(page_size_of(page_points))
    landscape = page_points.width() > page_points.height()
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    # The document has its own margins: print it at actual size from the paper's corner.
    printer.setFullPage(True)


# --- painting onto the printer -----------------------------------------------------------------
def page_target(printer: QPrinter, page_points: QSizeF) -> QRect:
    """Where a page goes on the sheet, in printer pixels: actual size, shrunk only if too big."""
    area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
    scale = printer.resolution() / POINTS_PER_INCH
    size = QSize(round(page_points.width() * scale), round(page_points.height() * scale))
    if size.width() > area.width() or size.height() > area.height():
        if (
            size.width() <= area.width() * SAME_PAPER
            and size.height() <= area.height() * SAME_PAPER
        ):
            # The same paper measured differently (Qt's A4 is 595 x 842 points, ReportLab's
            # 595.28 x 841.89): fill the sheet rather than shrink everything by a pixel.
            size = size.boundedTo(area.size())
        else:
            size = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = (area.width() - size.width()) // 2
    top = (area.height() - size.height()) // 2
    return QRect(QPoint(left, top), size)


def paint_page(painter: QPainter, document: QPdfDocument, page: int, target: QRect) -> None:
    """Render ``page`` into ``target`` band by band, each on white (QtPdf leaves it transparent)."""
    width, height = target.width(), target.height()
    band_height = max(1, BAND_PIXELS // max(1, width))
    for top in range(0, height, band_height):
        rows = min(band_height, height - top)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(target.size())
        # QtPdf scales a clip of w x h pixels by (w - 1) / w (it measures the QRect with its
        # inclusive right() and bottom()); one pixel more each way makes the scale exact.
        # tests/ui/test_print_preview.py prints in narrow bands to catch a QtPdf that changes.
        options.setScaledClipRect(QRect(0, top, width + 1, rows + 1))
        rendered = document.render(page, QSize(width, rows), options)
        band = QImage(width, rows, QImage.Format.Format_RGB32)
        band.fill(style.WHITE)
        band_painter = QPainter(band)
        band_painter.drawImage(0, 0, rendered)
        band_painter.end()
        painter.drawImage(target.left(), target.top() + top, band)


class PrintOutcome(enum.Enum):
    PRINTED = "printed"
    CANCELLED = "cancelled"
    FAILED = "failed"  # the printer could not be started or fed, or the file vanished


class PrintJob:
    """Paints the chosen pages of a PDF file onto a configured printer, on a worker thread.

    The job opens its own QPdfDocument: the preview's one stays with the UI thread.
    """

    def __init__(self, pdf_path: Path, printer: QPrinter, pages: list[int]) -> None:
        self.pdf_path = pdf_path
        self.printer = printer
        self.pages = pages
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def run(self, progress: Progress) -> PrintOutcome:
        document = QPdfDocument()
        if document.load(str(self.pdf_path)) is not QPdfDocument.Error.None_:
            return PrintOutcome.FAILED
        painter = QPainter()
        if not painter.begin(self.printer):
            return PrintOutcome.FAILED
        # Barcodes and small print must not go through JPEG on their way to the printer.
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        try:
            for position, page in enumerate(self.pages):
                if self._cancelled.is_set():
                    self.printer.abort()
                    return PrintOutcome.CANCELLED
                progress(position, len(self.pages), "")
                if position and not self.printer.newPage():
                    return PrintOutcome.FAILED
                target = page_target(self.printer, document.pagePointSize(page))
                paint_page(painter, document, page, target)
        finally:
            painter.end()
        progress(len(self.pages), len(self.pages), "")
        return PrintOutcome.PRINTED


# --- the dialog --------------------------------------------------------------------------------
class PrintPreviewDialog(QDialog):
    """Shows ``pdf_path``; Print, Save as PDF and Close. ``title`` names the document."""

    print_finished = Signal(object)  # a PrintOutcome, once a print started here has ended

    def __init__(self, pdf_path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.pdf_path = Path(pdf_path)
        self.title = title
        self.printing = False
        self.saving = False
        self._runner = TaskRunner(self)
        self._progress: QProgressDialog | None = None
        self.setWindowTitle(t("打印预览 — {title}", title=title))
        self.document = QPdfDocument(self)
        error = self.document.load(str(self.pdf_path))
        self.loaded = error is QPdfDocument.Error.None_

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        heading = QLabel(title)
        heading.setObjectName("printPreviewTitle")
        heading.setStyleSheet("font-size: 12pt; font-weight: bold;")
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(heading, 1)
        self.page_label = QLabel()
        self.page_label.setObjectName("pageCountLabel")
        header.addWidget(self.page_label)
        layout.addLayout(header)

        self.view = QPdfView()
        self.view.setObjectName("pdfView")
        self.view.setAccessibleName(t("文书页面"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("printPreviewProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem_label.setStyleSheet(style.text_style(style.ERROR, point_size=11))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.problem_label)
        layout.addWidget(self.stack, 1)

        self.location_label = QLabel(t("存档位置：{path}", path=self.pdf_path))
        self.location_label.setObjectName("archivePathLabel")
        self.location_label.setWordWrap(True)
        self.location_label.setStyleSheet(style.MUTED_TEXT)
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.location_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = QPushButton(t("打印(&P)…"))
        self.print_button.setObjectName("printButton")
        self.print_button.setAccessibleName(pt("PrintPreviewDialog", "打印"))
        self.print_button.setToolTip(t("打印本文书（Ctrl+P）"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(t("另存为 PDF(&S)…"))
        self.save_button.setObjectName("savePdfButton")
        self.save_button.setAccessibleName(pt("PrintPreviewDialog", "另存为 PDF"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_copy)
        self.close_button = QPushButton(t("关闭"))
        self.close_button.setObjectName("closeButton")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)

        self.print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        self.print_shortcut.activated.connect(self.print_document)
        add_confirm_keys(self, self.print_button.click)

        if self.loaded:
            self.view.setDocument(self.document)
            self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)
            self._show_page_number(0)
        else:
            self._show_load_problem(error)
        self._fit_to_screen()
        self.print_button.setFocus()

    # --- showing --------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.loaded else 0

    def _show_page_number(self, current: int) -> None:
        self.page_label.setText(
            t("第 {current} 页，共 {total} 页", current=current + 1, total=self.page_count)
        )

    def _show_load_problem(self, error: QPdfDocument.Error) -> None:
        reasons = {
            QPdfDocument.Error.FileNotFound: t("文件不存在"),
            QPdfDocument.Error.InvalidFileFormat: t("文件不是有效的 PDF 文件"),
            QPdfDocument.Error.IncorrectPassword: t("文件设有密码保护"),
            QPdfDocument.Error.UnsupportedSecurityScheme: t("文件设有密码保护"),
        }
        reason = reasons.get(error, t("文件无法读取"))
        self.problem_label.setText(
            t("无法显示文书 {path}：{reason}。", path=self.pdf_path, reason=reason)
        )
        self.stack.setCurrentWidget(self.problem_label)
        self.page_label.setText(t("没有页面"))
        self.location_label.hide()
        self.print_button.setEnabled(False)
        self.print_shortcut.setEnabled(False)
        self.save_button.setEnabled(False)
        self.close_button.setDefault(True)
        log.warning("cannot preview %s: %s", self.pdf_path, error)

    def _fit_to_screen(self) -> None:
        """About an A4 page wide; never taller or wider than the screen's free area."""
        preferred = QSize(860, 1000)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            preferred = preferred.boundedTo(screen.availableGeometry().size() * 0.92)
        self.resize(preferred)

    def _set_printing(self, printing: bool) -> None:
        self.printing = printing
        for widget in (self.print_button, self.save_button, self.close_button):
            widget.setEnabled(not printing)
        self.print_shortcut.setEnabled(not printing)

    def reject(self) -> None:
        """Close (and Esc) wait for a running print to end or be cancelled."""
        if not self.printing:
            super().reject()

    # --- printing -------------------------------------------------------------------------
    def print_document(self) -> None:
        if not self.loaded or self.printing:
            return
        if not printer_installed():
            QMessageBox.information(
                self,
                t("未安装打印机"),
                t(
                    "本机未安装打印机，无法在这里打印。\n"
                    "\n"
                    "文书已保存并存档在：\n"
                    "{path}\n"
                    "\n"
                    "可在安装打印机后从办件列表补打，或用“另存为 PDF”复制出来，到其他"
                    "电脑上打印。",
                    path=self.pdf_path,
                ),
            )
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.document.pagePointSize(0), self.title)
        if self.exec_print_dialog(printer) != QDialog.DialogCode.Accepted:
            return
        current = self.view.pageNavigator().currentPage()
        sequence = print_sequence(printer, self.page_count, current)
        if not sequence:
            QMessageBox.warning(
                self,
                t("没有可打印的页面"),
                t("所选页码不在本文书范围内（本文书共 {total} 页）。", total=self.page_count),
            )
            return
        self._start(PrintJob(self.pdf_path, printer, sequence))

    def exec_print_dialog(self, printer: QPrinter) -> int:
        """Let the clerk choose the printer, pages and copies; the dialog's result code."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(t("打印 {title}", title=self.title))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        dialog.setMinMax(1, self.page_count)
        try:
            return dialog.exec()
        finally:
            dialog.deleteLater()

    def _start(self, job: PrintJob) -> None:
        self._set_printing(True)
        progress = task_progress(
            self,
            "printProgress",
            t("正在打印"),
            t("正在发送到打印机…"),
            maximum=len(job.pages),
            delay_ms=PROGRESS_DELAY_MS,
            cancel_text=t("取消"),
        )
        progress.canceled.connect(job.cancel)
        self._progress = progress
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._runner.start(
            job.run,
            on_done=lambda outcome: self._finished(job, outcome),
            on_error=self._failed,
            on_progress=self._advance,
        )

    def _advance(self, done: int, total: int, _text: str) -> None:
        if self._progress is not None:
            self._progress.setLabelText(
                t("正在打印第 {page} 页，共 {total} 页…", page=min(done + 1, total), total=total)
            )
            self._progress.setValue(done)

    def _stop(self) -> None:
        QGuiApplication.restoreOverrideCursor()
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        self._set_printing(False)

    def _finished(self, job: PrintJob, outcome: PrintOutcome) -> None:
        self._stop()
        printer = job.printer
        if outcome is PrintOutcome.PRINTED:
            log.info(
                "printed %s: %d sheet(s) at %d dpi on %s",
                self.pdf_path.name,
                len(job.pages),
                printer.resolution(),
                printer.printerName() or printer.outputFileName(),
            )
        elif outcome is PrintOutcome.FAILED:
            log.warning("printing %s failed", self.pdf_path)
            if self.pdf_path.is_file():
                text = t(
                    "文书未能在“{printer}”上打印。请检查打印机是否开机、是否有纸，然后"
                    "重试。\n"
                    "\n"
                    "文书仍存档在：\n"
                    "{path}",
                    printer=printer.printerName() or printer.outputFileName(),
                    path=self.pdf_path,
                )
            else:
                text = t(
                    "存档文书 {path} 已不存在，无法打印。请从办件列表重新打印。", path=self.pdf_path
                )
            QMessageBox.warning(self, t("打印失败"), text)
        self.print_finished.emit(outcome)

    def _failed(self, error: BaseException, _trace: str) -> None:
        self._stop()
        raise error  # painting raises only on a bug: the crash dialog takes it

    # --- saving a copy --------------------------------------------------------------------
    def save_copy(self) -> None:
        if not self.loaded or self.printing or self.saving:
            return
        suggested = str(start_folder(FileKind.DOCUMENT) / self.pdf_path.name)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, t("另存为 PDF"), suggested, t("PDF 文件 (*.pdf)"), "", dialog_options()
        )
        if not chosen:
            return
        target = Path(chosen)
        remember_folder(FileKind.DOCUMENT, target)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        if target.exists() and target.samefile(self.pdf_path):
            self.location_label.setText(
                t("所选文件就是存档文件本身，已保存在 {path}", path=self.pdf_path)
            )
            return
        # On the worker: a USB stick or a network share can take seconds to sync.
        self.saving = True
        source = self.pdf_path
        self._runner.start(
            lambda _progress: copy_file(source, target),
            on_done=lambda _result: self._copy_saved(target),
            on_error=lambda error, _trace: self._copy_failed(error, target),
        )

    def _copy_saved(self, target: Path) -> None:
        self.saving = False
        self.location_label.setText(
            t("已另存一份到 {copy}（存档位置：{path}）", copy=target, path=self.pdf_path)
        )

    def _copy_failed(self, error: BaseException, target: Path) -> None:
        self.saving = False
        if not isinstance(error, OSError):
            raise error  # a bug: the crash dialog takes it
        log.warning("saving a copy of %s to %s failed: %s", self.pdf_path, target, error)
        QMessageBox.warning(
            self,
            t("无法保存 PDF"),
            t("PDF 未能保存到 {path}：{reason}。", path=target, reason=self._write_problem(error)),
        )

    def _write_problem(self, error: OSError) -> str:
        if error.errno == errno.ENOSPC:
            return t("磁盘空间已满")
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return t("没有写入权限（只读或无权限）")
        if error.errno == errno.ENOENT:
            return t("文件夹不存在")
        if error.errno == errno.EISDIR:
            return t("已有同名文件夹")
        return t("系统提示“{error}”", error=error.strerror or error)


def copy_file(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` whole or not at all: a file already there is only replaced
    by a complete copy. The copy gets the folder's usual permissions, not the archive's."""
    temporary = target.with_name(f".{target.name}-{uuid.uuid4().hex}.part")
    try:
        with temporary.open("xb") as stream, source.open("rb") as original:
            shutil.copyfileobj(original, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def preview_document(parent: QWidget | None, pdf_path: Path, title: str) -> None:
    """Show the print preview of ``pdf_path`` modally; returns when the clerk closes it."""
    dialog = PrintPreviewDialog(pdf_path, title, parent)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
