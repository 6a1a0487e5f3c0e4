"""The print preview of a case document: showing it, printing it, saving a copy, no printer.

Receipts are made the way the window makes them (accept, then PrintService.render). Printing goes
to Qt's PDF printer: the print dialog is replaced by a function that sets the printer up as a
clerk would (output file, resolution, pages, copies) and answers Accepted; the PDF that comes out
is read with pypdf and rendered with pdftoppm to compare it with the archived document.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPageSize
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from tests.factories import intake_for, make_item
from townclerk.db.database import Database
from townclerk.enums import DocumentKind
from townclerk.i18n import set_language
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.printing import PrintService
from townclerk.ui.dialogs import print_preview
from townclerk.ui.dialogs.print_preview import PrintOutcome, PrintPreviewDialog, preview_document

# The offscreen platform reports every top-level window's size hints as unsupported.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

ROOT = Path(__file__).resolve().parents[2]
HAVE_PDFTOPPM = shutil.which("pdftoppm") is not None
needs_pdftoppm = pytest.mark.skipif(not HAVE_PDFTOPPM, reason="pdftoppm (poppler-utils) missing")
PRINT_DPI = 150
A4_AT_PRINT_DPI = (1239, 1754)  # Qt's A4, 595 x 842 points, at 150 dpi
SHRINK = 6  # compared at 25 dpi: enough to tell pages apart, blind to anti-aliasing
# The same page rendered whole or in bands: about 0.5 (pdfium places the two half a pixel apart).
# A band misplaced by QtPdf's clip-rect arithmetic drifts by a pixel a band and scores over 6.
SAME_BANDS = 1.5
SAME_PAGE = 5.0  # mean grey-level difference (0-255) below which two renderings are one page


# --- documents made through the services -------------------------------------------------------
def archived_receipt(db: Database, clerk: Actor, materials: int = 3) -> Path:
    item = make_item(
        db,
        code=f"320324-TEST-{materials:03d}",
        materials=tuple((f"申请材料第{n}项", True, False) for n in range(1, materials + 1)),
    )
    case = CaseService(db).accept(clerk, intake_for(item))
    return PrintService(db).render(clerk, case.number, DocumentKind.RECEIPT).path


@pytest.fixture
def receipt(db: Database, clerk: Actor) -> Path:
    return archived_receipt(db, clerk)


@pytest.fixture
def long_receipt(db: Database, clerk: Actor) -> Path:
    """30 materials: the receipt runs onto a second page."""
    path = archived_receipt(db, clerk, materials=30)
    assert len(PdfReader(path).pages) == 2
    return path


def open_dialog(qtbot: QtBot, pdf: Path, title: str = "受理通知书") -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(pdf, title)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# --- the print system, faked at its edges ------------------------------------------------------
@pytest.fixture
def printer_present(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: [QPrinterInfo()]))


@pytest.fixture
def no_printer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))


class ClerkAtPrintDialog:
    """Stands in for the modal QPrintDialog: sets the printer up and answers."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.answer = QDialog.DialogCode.Accepted
        self.choose: Callable[[QPrinter], None] = lambda printer: None
        self.printers: list[QPrinter] = []

    def __call__(self, dialog: PrintPreviewDialog, printer: QPrinter) -> int:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.output))
        printer.setResolution(PRINT_DPI)
        self.choose(printer)
        self.printers.append(printer)
        return self.answer


@pytest.fixture
def print_dialog(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, printer_present: None
) -> ClerkAtPrintDialog:
    clerk = ClerkAtPrintDialog(tmp_path / "printed" / "out.pdf")
    clerk.output.parent.mkdir()

    def exec_print_dialog(dialog: PrintPreviewDialog, printer: QPrinter) -> int:
        return clerk(dialog, printer)

    monkeypatch.setattr(PrintPreviewDialog, "exec_print_dialog", exec_print_dialog)
    return clerk


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str, str]]]:
    shown: list[tuple[str, str, str]] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox,
            kind,
            staticmethod(lambda parent, title, text, kind=kind: shown.append((kind, title, text))),
        )
    yield shown


def print_and_wait(qtbot: QtBot, dialog: PrintPreviewDialog, start: Callable[[], None]) -> object:
    with qtbot.waitSignal(dialog.print_finished, timeout=60_000) as finished:
        start()
    return finished.args[0]


def saved(qtbot: QtBot, dialog: PrintPreviewDialog) -> None:
    """Wait for a copy being saved on the worker to be done."""
    qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- looking at PDFs ---------------------------------------------------------------------------
def page_images(pdf: Path, folder: Path) -> list[Image.Image]:
    """Every page of ``pdf`` in grey, rendered by poppler (not by the QtPdf under test) at the
    printing resolution, then averaged down so anti-aliasing differences wash out."""
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", str(PRINT_DPI), "-gray", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    files = sorted(folder.glob(f"{pdf.stem}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    images = []
    for path in files:
        image = Image.open(path).convert("L")
        small = (image.width // SHRINK, image.height // SHRINK)
        images.append(image.resize(small, Image.Resampling.BOX))
    return images


def difference(a: Image.Image, b: Image.Image) -> float:
    b = b.resize(a.size)  # Qt's A4 and ReportLab's differ by a fraction of a point
    return float(ImageStat.Stat(ImageChops.difference(a, b)).mean[0])


def ink(image: Image.Image) -> float:
    """The share of the page that is printed on (darker than mid-grey)."""
    histogram = image.histogram()
    return sum(histogram[:128]) / (image.width * image.height)


def matching_pages(printed: Path, source: Path, folder: Path) -> list[int]:
    """For each printed page, the 1-based source page it shows (each checked to be a close match
    and not blank)."""
    originals = page_images(source, folder / "source")
    matches = []
    for image in page_images(printed, folder / "printed"):
        assert ink(image) > 0.01, "a printed page is blank"
        distances = [difference(original, image) for original in originals]
        best = min(range(len(originals)), key=distances.__getitem__)
        assert distances[best] < SAME_PAGE, f"printed page unlike any source page: {distances}"
        matches.append(best + 1)
    return matches


def image_rows(page: object) -> list[tuple[int, int]]:
    """(width, height) of every image painted on a pypdf page."""
    resources = page["/Resources"]  # type: ignore[index]
    objects = resources["/XObject"].get_object()
    sizes = []
    for reference in objects.values():
        image = reference.get_object()
        if image["/Subtype"] == "/Image":
            sizes.append((int(image["/Width"]), int(image["/Height"])))
    return sizes


# --- showing ----------------------------------------------------------------------------------
def test_shows_a_real_receipt_fit_to_width_with_its_page_count(qtbot: QtBot, receipt: Path) -> None:
    dialog = open_dialog(qtbot, receipt, "受理通知书 No. 1")
    assert dialog.objectName() == "printPreview"
    for name in ("printButton", "savePdfButton", "closeButton"):
        button = dialog.findChild(QPushButton, name)
        assert button is not None and button.isVisible() and button.isEnabled()
    assert dialog.loaded and dialog.document.pageCount() == 1
    assert dialog.view.document() is dialog.document
    assert dialog.view.pageMode() is QPdfView.PageMode.MultiPage
    assert dialog.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    assert dialog.page_label.text() == "第 1 页，共 1 页"
    assert "受理通知书 No. 1" in dialog.windowTitle()
    assert str(receipt) in dialog.location_label.text()


def test_a_two_page_receipt_shows_both_pages_and_follows_the_scroll(
    qtbot: QtBot, long_receipt: Path
) -> None:
    dialog = open_dialog(qtbot, long_receipt)
    assert dialog.page_label.text() == "第 1 页，共 2 页"
    bar = dialog.view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: dialog.page_label.text() == "第 2 页，共 2 页")


@pytest.mark.parametrize("content", [None, b"%PDF-1.4\nthis is not a PDF\n"])
def test_a_missing_or_broken_file_is_explained_and_nothing_can_be_printed(
    qtbot: QtBot, tmp_path: Path, content: bytes | None, print_dialog: ClerkAtPrintDialog
) -> None:
    path = tmp_path / "320324101-20260929-0001-receipt.pdf"
    if content is not None:
        path.write_bytes(content)
    dialog = open_dialog(qtbot, path)
    assert not dialog.loaded
    assert dialog.stack.currentWidget() is dialog.problem_label
    reason = "文件不存在" if content is None else "文件不是有效的 PDF 文件"
    assert str(path) in dialog.problem_label.text() and reason in dialog.problem_label.text()
    assert dialog.page_label.text() == "没有页面"
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    dialog.print_document()
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert print_dialog.printers == []
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()


# --- printing ---------------------------------------------------------------------------------
@needs_pdftoppm
def test_prints_the_receipt_at_the_printer_resolution(
    qtbot: QtBot, receipt: Path, print_dialog: ClerkAtPrintDialog, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, receipt)
    outcome = print_and_wait(qtbot, dialog, lambda: click(qtbot, dialog.print_button))
    assert outcome is PrintOutcome.PRINTED
    printer = print_dialog.printers[0]
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    assert printer.fullPage()
    pages = PdfReader(print_dialog.output).pages
    assert len(pages) == 1
    sheet = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
    assert (sheet.width(), sheet.height()) == A4_AT_PRINT_DPI
    sizes = image_rows(pages[0])  # the page, rendered to fill the sheet at 150 dpi
    assert {width for width, _ in sizes} == {sheet.width()}
    assert sum(height for _, height in sizes) == sheet.height()
    assert matching_pages(print_dialog.output, receipt, tmp_path / "check") == [1]
    assert dialog.print_button.isEnabled() and dialog.isVisible()


@needs_pdftoppm
def test_a_thirty_material_receipt_prints_both_pages(
    qtbot: QtBot, long_receipt: Path, print_dialog: ClerkAtPrintDialog, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, long_receipt)
    outcome = print_and_wait(qtbot, dialog, lambda: click(qtbot, dialog.print_button))
    assert outcome is PrintOutcome.PRINTED
    assert len(PdfReader(print_dialog.output).pages) == 2
    assert matching_pages(print_dialog.output, long_receipt, tmp_path / "check") == [1, 2]


@needs_pdftoppm
@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("pages 2-2", [2]),
        ("2 copies collated", [1, 2, 1, 2]),
        ("2 copies not collated", [1, 1, 2, 2]),
        ("current page", [2]),
        ("last page first", [2, 1]),
    ],
)
def test_honours_the_pages_and_copies_chosen(
    qtbot: QtBot,
    long_receipt: Path,
    print_dialog: ClerkAtPrintDialog,
    tmp_path: Path,
    choice: str,
    expected: list[int],
) -> None:
    def choose(printer: QPrinter) -> None:
        if choice == "pages 2-2":
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(2, 2)
        elif choice.startswith("2 copies"):
            printer.setCopyCount(2)
            printer.setCollateCopies(choice == "2 copies collated")
        elif choice == "current page":
            printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
        else:
            printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)

    print_dialog.choose = choose
    dialog = open_dialog(qtbot, long_receipt)
    if choice == "current page":
        bar = dialog.view.verticalScrollBar()
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda: dialog.view.pageNavigator().currentPage() == 1)
    assert print_and_wait(qtbot, dialog, dialog.print_document) is PrintOutcome.PRINTED
    assert matching_pages(print_dialog.output, long_receipt, tmp_path / "check") == expected


@needs_pdftoppm
def test_pages_rendered_in_narrow_bands_print_the_same(
    qtbot: QtBot,
    receipt: Path,
    print_dialog: ClerkAtPrintDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(qtbot, receipt)
    assert print_and_wait(qtbot, dialog, dialog.print_document) is PrintOutcome.PRINTED
    whole = print_dialog.output.rename(tmp_path / "whole.pdf")
    assert len(image_rows(PdfReader(whole).pages[0])) == 1
    monkeypatch.setattr(print_preview, "BAND_PIXELS", A4_AT_PRINT_DPI[0] * 100)
    assert print_and_wait(qtbot, dialog, dialog.print_document) is PrintOutcome.PRINTED
    sizes = image_rows(PdfReader(print_dialog.output).pages[0])
    assert len(sizes) == 18  # 1754 rows in bands of 100
    assert sum(height for _, height in sizes) == A4_AT_PRINT_DPI[1]
    [banded] = page_images(print_dialog.output, tmp_path / "banded")
    [in_one_piece] = page_images(whole, tmp_path / "whole")
    assert difference(banded, in_one_piece) < SAME_BANDS


def test_ctrl_p_prints_and_escape_closes(
    qtbot: QtBot, receipt: Path, print_dialog: ClerkAtPrintDialog
) -> None:
    dialog = open_dialog(qtbot, receipt)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    outcome = print_and_wait(
        qtbot,
        dialog,
        lambda: qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier),
    )
    assert outcome is PrintOutcome.PRINTED
    assert len(PdfReader(print_dialog.output).pages) == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_ctrl_enter_prints_like_the_print_button(
    qtbot: QtBot, receipt: Path, print_dialog: ClerkAtPrintDialog
) -> None:
    dialog = open_dialog(qtbot, receipt)
    ctrl = Qt.KeyboardModifier.ControlModifier
    outcome = print_and_wait(
        qtbot, dialog, lambda: qtbot.keyClick(dialog.view, Qt.Key.Key_Return, ctrl)
    )
    assert outcome is PrintOutcome.PRINTED
    assert len(PdfReader(print_dialog.output).pages) == 1
    assert dialog.isVisible()  # printed; Esc or 关闭 closes it
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_cancelling_the_print_dialog_prints_nothing(
    qtbot: QtBot, receipt: Path, print_dialog: ClerkAtPrintDialog
) -> None:
    print_dialog.answer = QDialog.DialogCode.Rejected
    dialog = open_dialog(qtbot, receipt)
    with qtbot.assertNotEmitted(dialog.print_finished, wait=100):
        click(qtbot, dialog.print_button)
    assert len(print_dialog.printers) == 1
    assert not print_dialog.output.exists()
    assert dialog.print_button.isEnabled()


def test_the_print_dialog_offers_the_document_pages_on_its_paper(
    qtbot: QtBot, long_receipt: Path, printer_present: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real exec_print_dialog: its QPrintDialog is built for this document, then refused."""
    seen: list[tuple[int, int, bool, bool, QPrinter]] = []

    def refuse(print_dialog: QPrintDialog) -> int:
        option = QPrintDialog.PrintDialogOption
        seen.append(
            (
                print_dialog.minPage(),
                print_dialog.maxPage(),
                print_dialog.testOption(option.PrintPageRange),
                print_dialog.testOption(option.PrintCurrentPage),
                print_dialog.printer(),
            )
        )
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", refuse)
    dialog = open_dialog(qtbot, long_receipt, "受理通知书 320000000-20260929-0001")
    with qtbot.assertNotEmitted(dialog.print_finished, wait=100):
        click(qtbot, dialog.print_button)
    assert len(seen) == 1
    first, last, ranges, current, printer = seen[0]
    assert (first, last, ranges, current) == (1, 2, True, True)
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    assert printer.docName() == "受理通知书 320000000-20260929-0001"


def test_no_printer_says_so_and_where_the_pdf_is(
    qtbot: QtBot,
    receipt: Path,
    no_printer: None,
    messages: list[tuple[str, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[QPrinter] = []
    monkeypatch.setattr(
        PrintPreviewDialog, "exec_print_dialog", lambda self, printer: asked.append(printer) or 1
    )
    dialog = open_dialog(qtbot, receipt)
    assert dialog.print_button.isVisible() and dialog.print_button.isEnabled()
    with qtbot.assertNotEmitted(dialog.print_finished, wait=100):
        click(qtbot, dialog.print_button)
    assert asked == []
    assert len(messages) == 1
    kind, title, text = messages[0]
    assert (kind, title) == ("information", "未安装打印机")
    assert "本机未安装打印机" in text and str(receipt) in text
    assert receipt.is_file()
    assert dialog.isVisible() and not dialog.printing


@pytest.mark.qt_log_ignore(r"^QPainter::begin\(\): Returned false$")
def test_a_printer_that_cannot_start_is_reported(
    qtbot: QtBot,
    receipt: Path,
    print_dialog: ClerkAtPrintDialog,
    tmp_path: Path,
    messages: list[tuple[str, str, str]],
) -> None:
    print_dialog.output = tmp_path / "no such folder" / "out.pdf"
    dialog = open_dialog(qtbot, receipt)
    assert print_and_wait(qtbot, dialog, dialog.print_document) is PrintOutcome.FAILED
    assert [(kind, title) for kind, title, _ in messages] == [("warning", "打印失败")]
    assert str(receipt) in messages[0][2]
    assert not print_dialog.output.exists()
    assert dialog.print_button.isEnabled() and not dialog.printing


def test_an_archive_file_removed_after_opening_is_reported(
    qtbot: QtBot,
    receipt: Path,
    print_dialog: ClerkAtPrintDialog,
    messages: list[tuple[str, str, str]],
) -> None:
    dialog = open_dialog(qtbot, receipt)
    receipt.unlink()  # someone cleaned up the archive folder meanwhile
    assert print_and_wait(qtbot, dialog, dialog.print_document) is PrintOutcome.FAILED
    assert [(kind, title) for kind, title, _ in messages] == [("warning", "打印失败")]
    assert "已不存在，无法打印" in messages[0][2] and str(receipt) in messages[0][2]
    assert not print_dialog.output.exists()


def test_a_bug_while_printing_reaches_the_crash_handler_and_the_dialog_recovers(
    qtbot: QtBot,
    receipt: Path,
    print_dialog: ClerkAtPrintDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug in painting")

    monkeypatch.setattr(print_preview, "paint_page", broken)
    dialog = open_dialog(qtbot, receipt)
    with qtbot.captureExceptions() as exceptions:
        dialog.print_document()
        qtbot.waitUntil(lambda: not dialog.printing, timeout=30_000)
    assert [str(error) for _, error, _ in exceptions] == ["a bug in painting"]
    assert dialog.print_button.isEnabled() and dialog.close_button.isEnabled()


def test_a_print_can_be_cancelled_and_the_dialog_stays_open_until_it_ends(
    qtbot: QtBot,
    long_receipt: Path,
    print_dialog: ClerkAtPrintDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first_page_started = threading.Event()
    go_on = threading.Event()
    paint_page = print_preview.paint_page

    def slow_paint(*args: object) -> None:
        first_page_started.set()
        assert go_on.wait(30), "the test never let the print go on"
        paint_page(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(print_preview, "paint_page", slow_paint)
    monkeypatch.setattr(print_preview, "PROGRESS_DELAY_MS", 0)
    dialog = open_dialog(qtbot, long_receipt)
    with qtbot.waitSignal(dialog.print_finished, timeout=60_000) as finished:
        dialog.print_document()
        assert first_page_started.wait(30)
        assert dialog.printing and not dialog.print_button.isEnabled()
        dialog.reject()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible(), "closed while the printer was being fed"
        progress = dialog.findChild(QProgressDialog, "printProgress")
        assert progress is not None
        cancel = progress.findChild(QPushButton)
        assert cancel is not None
        click(qtbot, cancel)
        go_on.set()
    assert finished.args[0] is PrintOutcome.CANCELLED
    assert not dialog.printing and dialog.close_button.isEnabled()
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()


# --- saving a copy ----------------------------------------------------------------------------
def patch_save_dialog(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[tuple[str, str, str]]:
    asked: list[tuple[str, str, str]] = []

    def get_save_file_name(
        parent: object, caption: str, folder: str, filters: str, *_choice_and_options: object
    ) -> tuple:
        asked.append((caption, folder, filters))
        return answer, filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return asked


def test_save_as_pdf_writes_a_byte_identical_copy(
    qtbot: QtBot, receipt: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "U盘" / "张伟的受理通知书"  # no suffix typed: .pdf is added
    target.parent.mkdir()
    asked = patch_save_dialog(monkeypatch, str(target))
    dialog = open_dialog(qtbot, receipt)
    click(qtbot, dialog.save_button)
    saved(qtbot, dialog)
    assert Path(asked[0][1]).name == receipt.name  # suggested under the archive's own name
    copy = target.with_name(target.name + ".pdf")
    assert copy.read_bytes() == receipt.read_bytes()
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]  # no temporary left
    assert str(copy) in dialog.location_label.text()


def test_save_as_pdf_replaces_an_existing_file_whole(
    qtbot: QtBot, receipt: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "old.pdf"
    target.write_bytes(b"an older document")
    patch_save_dialog(monkeypatch, str(target))
    dialog = open_dialog(qtbot, receipt)
    click(qtbot, dialog.save_button)
    saved(qtbot, dialog)
    assert target.read_bytes() == receipt.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".part") == []


def test_save_as_pdf_cancelled_or_onto_the_archive_itself_changes_nothing(
    qtbot: QtBot, receipt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = receipt.read_bytes()
    folder_before = sorted(receipt.parent.iterdir())
    dialog = open_dialog(qtbot, receipt)
    patch_save_dialog(monkeypatch, "")
    click(qtbot, dialog.save_button)
    patch_save_dialog(monkeypatch, str(receipt))
    click(qtbot, dialog.save_button)
    assert "所选文件就是存档文件本身" in dialog.location_label.text()
    assert receipt.read_bytes() == original
    assert sorted(receipt.parent.iterdir()) == folder_before


def test_an_error_writing_the_copy_gets_a_plain_message(
    qtbot: QtBot,
    receipt: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str, str]],
) -> None:
    target = tmp_path / "gone" / "copy.pdf"
    patch_save_dialog(monkeypatch, str(target))
    dialog = open_dialog(qtbot, receipt)
    click(qtbot, dialog.save_button)
    saved(qtbot, dialog)
    assert len(messages) == 1
    kind, title, text = messages[0]
    assert (kind, title) == ("warning", "无法保存 PDF")
    assert str(target) in text and "文件夹不存在" in text
    assert "Errno" not in text and "Traceback" not in text
    assert not target.parent.exists()
    assert "已另存一份" not in dialog.location_label.text()


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(28, "No space left on device"), "磁盘空间已满"),
        (
            PermissionError(13, "Permission denied"),
            "没有写入权限（只读或无权限）",
        ),
        (IsADirectoryError(21, "Is a directory"), "已有同名文件夹"),
        (OSError(5, "Input/output error"), "系统提示“Input/output error”"),
    ],
)
def test_each_writing_problem_is_named(
    qtbot: QtBot,
    receipt: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str, str]],
    error: OSError,
    reason: str,
) -> None:
    def fail(source: Path, target: Path) -> None:
        raise error

    monkeypatch.setattr(print_preview, "copy_file", fail)
    target = tmp_path / "copy.pdf"
    patch_save_dialog(monkeypatch, str(target))
    dialog = open_dialog(qtbot, receipt)
    click(qtbot, dialog.save_button)
    saved(qtbot, dialog)
    assert messages == [("warning", "无法保存 PDF", f"PDF 未能保存到 {target}：{reason}。")]


# --- the modal helper ------------------------------------------------------------------------
def test_preview_document_opens_modally_and_returns_on_close(qtbot: QtBot, receipt: Path) -> None:
    seen: list[PrintPreviewDialog] = []

    def close_it() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, PrintPreviewDialog)
        seen.append(modal)
        assert modal.page_label.text() == "第 1 页，共 1 页"
        click(qtbot, modal.close_button)

    QTimer.singleShot(0, close_it)
    preview_document(None, receipt, "受理通知书")
    assert len(seen) == 1


# --- the English interface --------------------------------------------------------------------
@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh_CN")


def test_the_dialog_reads_right_in_english(
    qtbot: QtBot,
    receipt: Path,
    no_printer: None,
    english: None,
    messages: list[tuple[str, str, str]],
) -> None:
    dialog = open_dialog(qtbot, receipt)
    assert dialog.windowTitle() == "Print preview — 受理通知书"
    assert dialog.print_button.text() == "&Print…"
    assert dialog.page_label.text() == "Page 1 of 1"
    click(qtbot, dialog.print_button)
    assert messages[0][1] == "No printer installed"
    assert "No printer is installed on this computer" in messages[0][2]
    assert str(receipt) in messages[0][2]
