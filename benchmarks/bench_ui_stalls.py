"""How long the UI thread stops answering during a clerk's session on the real window (offscreen).

    python benchmarks/bench_ui_stalls.py [--dir DIR] [--cases N] [--pause MS]

A heartbeat timer on the UI thread is due every 5 ms; the time between two beats is how long the
thread could not answer a key, a click or a repaint. The script drives the main window as a
clerk does, one user action at a time: it sends the event (a key, a click) and then lets the
event loop run freely for a person's pause, so every gap is the application's own work (the
handling of that input, a repaint, a result arriving from a worker thread, a garbage
collection), never the script's.

The session: type a search key by key, choose the item with Down and Enter, tick all materials,
type the applicant's ID number, name and phone, accept with Ctrl+Enter; N times. Then the case
list: switch to it, search it by name, open a case, switch pages back and forth. Then the
supervisor logs in (the window rebuilds its pages) and opens the dashboard and the case list.
The window is started as ``townclerk`` starts it (ui/app.py ``_run_window``), garbage collector
settings included.

DIR defaults to the 1,000,000-case database that bench_foundation.py builds (a copy is used, so
the session's cases do not accumulate there); with none, a fresh demo database.

Prints the longest gap and the 99th percentile against the 100 ms target, the step during which
the longest gap happened, the longest gap of every step, and the garbage collector's pauses.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListWidget, QWidget  # noqa: E402

from benchmarks.common import OUT, open_copy_or_demo, report  # noqa: E402
from tests.keyboard import type_text  # noqa: E402
from townclerk.paths import DATABASE_FILE  # noqa: E402
from townclerk.services.access import Actor  # noqa: E402
from townclerk.services.demo import DEMO_PASSWORD  # noqa: E402
from townclerk.ui.app import create_application, freeze_long_lived_objects  # noqa: E402
from townclerk.ui.context import AppContext, DataBus, Session  # noqa: E402
from townclerk.ui.main_window import KEY_ROLE, MainWindow  # noqa: E402
from townclerk.validation import id_check_character  # noqa: E402

HEARTBEAT_MS = 5
TARGET_MS = 100
SEARCHES = ["gtgshsl", "ylbx", "lnr", "cjr", "zjd", "yiliao", "jiuye"]  # the sample catalog
APPLICANT_NAMES = ["张伟", "李秀英", "王芳", "刘洋", "陈静", "杨军", "赵丽"]


class Heartbeat:
    """Beats every few milliseconds on the UI thread and keeps each gap with the step that was
    under way when the gap ended (the step whose work held the thread up), and the pauses of
    Python's garbage collector (which stop every thread)."""

    def __init__(self) -> None:
        self.step = "start"
        self.gaps: list[tuple[float, str]] = []  # (seconds, step)
        self.gc_pauses: list[tuple[float, int, str]] = []  # (seconds, generation, step)
        self._holder = QObject()
        self._timer = QTimer(self._holder)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._last = time.perf_counter()
        self._gc_started = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()
        gc.callbacks.append(self._gc)

    def stop(self) -> None:
        self._timer.stop()
        gc.callbacks.remove(self._gc)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last, self.step))
        self._last = now

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            elapsed = time.perf_counter() - self._gc_started
            self.gc_pauses.append((elapsed, info["generation"], self.step))


class Driver:
    """One user action at a time, each followed by the event loop running for a pause."""

    def __init__(self, heartbeat: Heartbeat, pause_ms: int) -> None:
        self.heartbeat = heartbeat
        self.pause_ms = pause_ms

    def step(self, name: str) -> None:
        self.heartbeat.step = name

    def run_loop(self, ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def pause(self) -> None:
        self.run_loop(self.pause_ms)

    def wait_until(self, condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"the window did not get there in time: {what}")
            self.run_loop(10)

    def type_text(self, widget: QWidget, text: str) -> None:
        """Key by key, as a keyboard (or an input method, for Chinese) delivers them."""
        type_text(widget, text, after_each=self.pause)

    def key(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        QTest.keyClick(widget, key, modifiers)
        self.pause()

    def click(self, widget: QWidget) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.pause()

    def replace_text(self, edit: QLineEdit, text: str) -> None:
        self.click(edit)
        self.key(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.key(edit, Qt.Key.Key_Delete)
        self.type_text(edit, text)

    def click_row(self, view: QAbstractItemView, row: int) -> None:
        index = view.model().index(row, 0)
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
        )
        self.pause()

    def show_page(self, window: MainWindow, key: str) -> QWidget:
        """Click the page's entry in the navigation list."""
        nav: QListWidget = window.nav
        for row in range(nav.count()):
            if nav.item(row).data(KEY_ROLE) == key:
                rect = nav.visualItemRect(nav.item(row))
                QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                self.pause()
                return window.pages[key]
        raise KeyError(key)


def clerk_session(driver: Driver, window: MainWindow, cases: int) -> None:
    intake = window.pages["intake"]
    registered: list[str] = []
    intake.registered.connect(lambda case: registered.append(case.number))
    for number in range(cases):
        query = SEARCHES[number % len(SEARCHES)]
        driver.step(f"intake, case {number + 1}: typing the search “{query}”")
        intake.search.edit.setFocus()
        driver.type_text(intake.search.edit, query)
        if intake.search.model.rowCount() == 0:
            raise RuntimeError(f"the sample catalog has no item for “{query}”")
        driver.step(f"intake, case {number + 1}: choosing the item (Down, Enter)")
        driver.key(intake.search.edit, Qt.Key.Key_Down)
        driver.key(intake.search.edit, Qt.Key.Key_Return)
        driver.step(f"intake, case {number + 1}: all materials received")
        driver.click(intake.item_panel.all_button)
        first17 = f"3203241985{number % 12 + 1:02d}15{500 + number:03d}"
        driver.step(f"intake, case {number + 1}: typing the ID number")
        driver.replace_text(intake.applicant.id_edit, first17 + id_check_character(first17))
        driver.step(f"intake, case {number + 1}: typing the name")
        driver.replace_text(intake.applicant.name_edit, APPLICANT_NAMES[number % 7])
        driver.step(f"intake, case {number + 1}: typing the phone")
        driver.replace_text(intake.applicant.phone_edit, f"139{number:08d}")
        if intake.item_panel.result_edit.isVisible() and not intake.item_panel.result_text():
            driver.step(f"intake, case {number + 1}: typing the result of an instant case")
            driver.replace_text(intake.item_panel.result_edit, "ok")
        if not intake.accept_button.isEnabled():
            raise RuntimeError("accept is not enabled: " + "; ".join(intake.accept_problems()))
        driver.step(f"intake, case {number + 1}: accepting (Ctrl+Enter) until the number shows")
        before = len(registered)
        driver.key(
            intake.applicant.phone_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        driver.wait_until(lambda: len(registered) > before, "the case registered")  # noqa: B023
        driver.run_loop(300)  # the case list refreshes meanwhile (data-changed signal)

    driver.step("switching to the case list")
    case_list = driver.show_page(window, "cases")
    driver.wait_until(lambda: not case_list.is_loading(), "the case list loaded")
    driver.step("case list: typing a search (an applicant's name)")
    driver.replace_text(case_list.search_edit, APPLICANT_NAMES[0])
    driver.run_loop(400)  # the search waits for a pause in typing
    driver.wait_until(lambda: not case_list.is_loading(), "the case list searched")
    driver.step("case list: opening a case")
    driver.click_row(case_list.table, 0)
    driver.run_loop(200)
    driver.step("case list: opening the next case (Down)")
    driver.key(case_list.table, Qt.Key.Key_Down)
    driver.run_loop(200)
    for _ in range(2):
        driver.step("switching to the intake page")
        driver.show_page(window, "intake")
        driver.run_loop(200)
        driver.step("switching to the case list")
        driver.show_page(window, "cases")
        driver.run_loop(200)


def supervisor_session(
    driver: Driver, window: MainWindow, context: AppContext, supervisor: Actor
) -> None:
    driver.step("switching user to the supervisor")
    session = context.session
    assert session is not None
    # What the switch-user dialog does once the password is checked (on its worker thread).
    QTimer.singleShot(
        0,
        lambda: context.start_session(Session(supervisor, session.window_id, session.window_name)),
    )
    driver.run_loop(300)
    driver.step("opening the dashboard")
    dashboard = driver.show_page(window, "dashboard")
    driver.wait_until(lambda: not dashboard.is_loading(), "the dashboard counted", timeout=120)
    driver.run_loop(300)
    driver.step("supervisor: switching to the case list")
    cases = driver.show_page(window, "cases")
    driver.wait_until(lambda: not cases.is_loading(), "the case list loaded")
    driver.run_loop(200)
    driver.step("supervisor: back to the dashboard")
    driver.show_page(window, "dashboard")
    driver.run_loop(300)


def print_results(heartbeat: Heartbeat, elapsed: float) -> None:
    gaps = sorted(heartbeat.gaps, key=lambda gap: gap[0])
    longest, where = gaps[-1]
    p99 = gaps[min(len(gaps) - 1, round(0.99 * (len(gaps) - 1)))][0]
    print(f"{len(gaps)} heartbeats (every {HEARTBEAT_MS} ms) over {elapsed:.1f} s of session")
    report("UI thread's longest stall", longest * 1000, "ms", f"<= {TARGET_MS} ms")
    print(f"  during: {where}")
    report("gap between heartbeats p99", p99 * 1000, "ms", f"<= {TARGET_MS} ms")
    report("gap between heartbeats p50", statistics.median(g for g, _s in gaps) * 1000, "ms")
    over = [gap for gap in gaps if gap[0] * 1000 > TARGET_MS]
    print(f"gaps over {TARGET_MS} ms: {len(over)}")
    print("the ten longest gaps:")
    for gap, step in reversed(gaps[-10:]):
        print(f"  {gap * 1000:8.1f} ms  {step}")
    print("longest gap of each step (those over 20 ms):")
    by_step: dict[str, float] = {}
    for gap, step in heartbeat.gaps:
        by_step[step] = max(gap, by_step.get(step, 0.0))
    for step, gap in sorted(by_step.items(), key=lambda entry: -entry[1]):
        if gap * 1000 > 20:
            print(f"  {gap * 1000:8.1f} ms  {step}")
    if heartbeat.gc_pauses:
        pause, generation, step = max(heartbeat.gc_pauses)
        full = [entry for entry in heartbeat.gc_pauses if entry[1] == 2]
        print(
            f"garbage collections: {len(heartbeat.gc_pauses)} ({len(full)} full); longest "
            f"{pause * 1000:.1f} ms (generation {generation}) during: {step}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=OUT / "foundation-1000000")
    parser.add_argument("--cases", type=int, default=5, help="cases to accept (default 5)")
    parser.add_argument("--pause", type=int, default=40, help="ms between keys (default 40)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="townclerk-stalls-"))
    try:
        run(args.dir / DATABASE_FILE, folder, args.cases, args.pause)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(source: Path, folder: Path, cases: int, pause_ms: int) -> None:
    app = create_application("zh_CN")
    db = open_copy_or_demo(source, folder)
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    context = AppContext(db, DataBus())
    context.preload_search()
    actor = context.users.authenticate("clerk1", DEMO_PASSWORD)
    supervisor = context.users.authenticate("chief", DEMO_PASSWORD)  # hashing: not measured
    window_row = context.settings.windows()[0]
    context.start_session(Session(actor, window_row.id, window_row.name))
    window = MainWindow(context)
    freeze_long_lived_objects()  # as _run_window does
    window.pages_built.connect(freeze_long_lived_objects)
    window.resize(1366, 768)
    window.show()

    heartbeat = Heartbeat()
    driver = Driver(heartbeat, pause_ms)
    heartbeat.start()
    started = time.perf_counter()
    try:
        driver.step("the window just shown (pages loading)")
        driver.run_loop(500)
        clerk_session(driver, window, cases)
        supervisor_session(driver, window, context, supervisor)
    finally:
        heartbeat.stop()
        window.close()
    print_results(heartbeat, time.perf_counter() - started)
    QThreadPool.globalInstance().waitForDone(30_000)  # pages still loading in the background
    driver.run_loop(100)
    db.dispose()
    del app


if __name__ == "__main__":
    main()
