"""The main window: navigation among the pages the user may see, who is at the window, the lock.

Pages come from :mod:`townclerk.ui.pages.registry`; each is built once per session and kept
(with whatever was typed into it) while the user's role allows it. Before the window is shown
all of them are built at once. Once it is on screen (a user switch), the page shown is built at
once and the others one at a time on later turns of the event loop (or when first shown), so
the switch never holds the window up for all of them together: a supervisor's dashboard alone
takes 50–80 ms to import and build.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk import __version__
from townclerk.i18n import t
from townclerk.records.cases import ResubmissionDraft
from townclerk.records.changes import DataArea
from townclerk.ui import style
from townclerk.ui.backup_scheduler import BackupScheduler, BackupStatusLabel
from townclerk.ui.connection_banner import ConnectionBanner
from townclerk.ui.context import AppContext
from townclerk.ui.database_status import DatabaseStatusLabel
from townclerk.ui.dialogs.database_connection import change_connection
from townclerk.ui.dialogs.exchange import exchange_action
from townclerk.ui.dialogs.lock import IdleWatcher, LockDialog
from townclerk.ui.dialogs.login import LoginDialog
from townclerk.ui.pages.dispatch.to_deliver_count import SHORTCUT as DISPATCH_SHORTCUT
from townclerk.ui.pages.dispatch.to_deliver_count import ToDeliverCount
from townclerk.ui.pages.registry import PAGES, PageSpec, SearchablePage
from townclerk.ui.widgets.alt_letters import keep_alt_letters_out
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.window_state import app_settings, restore_splitters, save_main_window

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# Pages not shown yet are built while no worker thread runs: Python runs one thread at a time,
# so beside a worker reading rows a page takes about twice as long to import and build. A look
# every so often, and after a while the page is built anyway (an export may run for minutes).
PAGE_BUILD_RETRY_MS = 25
PAGE_BUILD_LONGEST_WAIT_S = 1.0


class MainWindow(QMainWindow):
    pages_built = Signal()  # every page the user may see is built (after a login or a switch)

    def __init__(
        self,
        context: AppContext,
        *,
        pages: Sequence[PageSpec] | None = None,
        idle_clock: Callable[[], float] = time.monotonic,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._context = context
        self.window_settings = settings or app_settings()  # geometry and splitters (QSettings)
        self._specs = list(PAGES if pages is None else pages)
        self.pages: dict[str, QWidget] = {}
        self.lock_dialog: LockDialog | None = None
        self.login_dialog: LoginDialog | None = None
        self._focus_before_lock: QWidget | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setAccessibleName(t("页面"))
        self.nav.setFixedWidth(112)
        self.nav.setStyleSheet("QListWidget::item { padding: 10px 8px; }")
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        self.empty_page = QLabel(t("您的角色在本程序中没有可用的页面。"))
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty_page)
        content = QWidget()
        content_layout = QHBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.nav)
        content_layout.addWidget(self.stack, 1)
        self.lock_cover = QLabel(t("已锁定"))
        self.lock_cover.setObjectName("lockCover")
        self.lock_cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lock_cover.setStyleSheet(style.text_style(style.MUTED, point_size=20))
        self.central = QStackedWidget()
        self.central.addWidget(content)
        self.central.addWidget(self.lock_cover)
        self.content = content
        self.connection_banner = ConnectionBanner(context.bus)
        framed = QWidget()
        framed_layout = QVBoxLayout(framed)
        framed_layout.setContentsMargins(0, 0, 0, 0)
        framed_layout.setSpacing(0)
        framed_layout.addWidget(self.connection_banner)
        framed_layout.addWidget(self.central, 1)
        self.setCentralWidget(framed)
        self.nav.currentRowChanged.connect(self._on_nav_row)
        self._page_builder = QTimer(self)  # builds the pages not shown yet, one per turn
        self._page_builder.setSingleShot(True)
        self._page_builder.timeout.connect(self._build_next_page)
        self._build_anyway_at = 0.0

        self._build_menus()
        self.user_label = QLabel()
        self.user_label.setObjectName("statusUser")
        self.window_label = QLabel()
        self.window_label.setObjectName("statusWindow")
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.window_label)
        self.statusBar().addPermanentWidget(DatabaseStatusLabel(context.db))
        # Automatic backups: started by the application (ui/app.py), not by every window built.
        self.backups = BackupScheduler(context, self)
        self.backup_label = BackupStatusLabel(context, self.backups)
        self.statusBar().addPermanentWidget(self.backup_label)
        self.backups.status_changed.connect(self._on_backup_status)
        # 待出件 N: the results waiting at the window; it opens the 出件 page.
        self.to_deliver = ToDeliverCount(context)
        self.to_deliver.clicked.connect(self.open_dispatch)
        self.statusBar().addPermanentWidget(self.to_deliver)
        dispatch_key = QShortcut(QKeySequence(DISPATCH_SHORTCUT), self)
        dispatch_key.activated.connect(self.open_dispatch)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_search)
        # Ctrl+1 … Ctrl+n: the pages in navigation order (only those the user may see).
        for number in range(1, len(self._specs) + 1):
            page_key = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            page_key.activated.connect(self._page_number_slot(number))

        self.idle = IdleWatcher(context.settings.center().idle_lock_minutes, self, clock=idle_clock)
        self.idle.idle.connect(self.lock)
        self.idle.watch_application()
        context.bus.session_changed.connect(self._on_session_changed)
        context.bus.session_ended.connect(self.end_session)
        context.bus.data_changed.connect(self._on_data_changed)
        context.bus.intake_requested.connect(self.open_intake)
        self._on_session_changed()
        self.resize(1280, 720)  # until shown: ui/window_state.py maximises or restores it

    def _build_menus(self) -> None:
        system = self.menuBar().addMenu(t("系统(&S)"))
        self.switch_action = QAction(t("切换用户(&U)…"), self)
        self.switch_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.switch_action.triggered.connect(self.switch_user)
        self.lock_action = QAction(t("锁定窗口(&L)"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        quit_action = QAction(t("退出(&Q)"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        system.addAction(self.switch_action)
        system.addAction(self.lock_action)
        system.addAction(exchange_action(self, self._context))
        system.addSeparator()
        self.connection_action = QAction(t("数据库连接(&D)…"), self)
        self.connection_action.triggered.connect(lambda: change_connection(self, self._context))
        system.addAction(self.connection_action)
        system.addSeparator()
        system.addAction(quit_action)
        help_menu = self.menuBar().addMenu(t("帮助(&H)"))
        about = QAction(t("关于 townclerk(&A)"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # --- pages -------------------------------------------------------------------------------
    def _visible_specs(self) -> list[PageSpec]:
        return [spec for spec in self._specs if self._context.can(spec.permission)]

    def _rebuild_pages(self) -> None:
        """Drop the pages the new user may not see and show the one to work on; build the rest
        now if the window is not on screen yet, else leave them to :meth:`_build_next_page`."""
        current = self.current_key()
        wanted = self._visible_specs()
        wanted_keys = {spec.key for spec in wanted}
        for key in [key for key in self.pages if key not in wanted_keys]:
            page = self.pages.pop(key)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.nav.blockSignals(True)
        self.nav.clear()
        for number, spec in enumerate(wanted, start=1):
            item = QListWidgetItem(spec.display_title())
            item.setData(KEY_ROLE, spec.key)
            item.setToolTip(f"Ctrl+{number}")
            self.nav.addItem(item)
        self.nav.blockSignals(False)
        self.nav.setVisible(len(wanted) > 1)
        if current in wanted_keys:
            self.show_page(current)
        elif wanted:
            self.show_page(wanted[0].key)
        else:
            self.stack.setCurrentWidget(self.empty_page)
        if not self.isVisible():
            for spec in self._missing_pages():
                self._build_page(spec)
        self._build_anyway_at = time.monotonic() + PAGE_BUILD_LONGEST_WAIT_S
        self._page_builder.start(0)  # pages_built comes from there, on the next turn at least

    def _missing_pages(self) -> list[PageSpec]:
        return [spec for spec in self._visible_specs() if spec.key not in self.pages]

    def _build_next_page(self) -> None:
        """Build one page the user may see that is not built yet, and the next one on a later
        turn of the event loop, so keys and clicks are answered in between."""
        missing = self._missing_pages()
        if not missing:
            self.pages_built.emit()
            return
        workers_busy = QThreadPool.globalInstance().activeThreadCount() > 0
        if workers_busy and time.monotonic() < self._build_anyway_at:
            self._page_builder.start(PAGE_BUILD_RETRY_MS)
            return
        self._build_page(missing[0])
        self._page_builder.start(0)

    def _build_page(self, spec: PageSpec) -> QWidget:
        page = spec.factory(self._context)
        keep_alt_letters_out(page)
        restore_splitters(page, self.window_settings)
        self.pages[spec.key] = page
        self.stack.addWidget(page)
        return page

    def page(self, key: str) -> QWidget:
        """The page ``key``, built now if it was not yet; KeyError if the user may not see it."""
        page = self.pages.get(key)
        if page is not None:
            return page
        for spec in self._visible_specs():
            if spec.key == key:
                return self._build_page(spec)
        raise KeyError(key)

    def current_key(self) -> str | None:
        page = self.stack.currentWidget()
        for key, candidate in self.pages.items():
            if candidate is page:
                return key
        return None

    def show_page(self, key: str) -> QWidget:
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        for row in range(self.nav.count()):
            if self.nav.item(row).data(KEY_ROLE) == key:
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(row)
                self.nav.blockSignals(False)
        return page

    def _page_number_slot(self, number: int) -> Callable[[], None]:
        return lambda: self.show_page_number(number)

    def show_page_number(self, number: int) -> None:
        """Ctrl+``number``: the ``number``-th page the user may see (nothing past the last)."""
        visible = self._visible_specs()
        if self.is_locked() or not 1 <= number <= len(visible):
            return
        page = self.show_page(visible[number - 1].key)
        if isinstance(page, SearchablePage) and page.isVisible():
            page.focus_search()

    def open_intake(self, draft: object) -> None:
        """The intake page, pre-filled: 补齐后受理 from the case list (a ResubmissionDraft), or
        村代办件到达 (a VillageIntakeRequest)."""
        from townclerk.ui.pages.intake.intake_page import IntakePage
        from townclerk.ui.pages.intake.requests import VillageIntakeRequest

        if self.is_locked():
            return
        page = self.show_page("intake")
        assert isinstance(page, IntakePage)
        if isinstance(draft, VillageIntakeRequest):
            page.start_pre_registration(draft.draft, notify=draft.notify)
        else:
            assert isinstance(draft, ResubmissionDraft)
            page.start_resubmission(draft)

    def open_dispatch(self) -> None:
        """待出件 in the status bar, or its shortcut: the 出件 page, its list focused."""
        if self.is_locked() or not any(spec.key == "dispatch" for spec in self._visible_specs()):
            return
        page = self.show_page("dispatch")
        if isinstance(page, SearchablePage):
            page.focus_search()

    def _on_nav_row(self, row: int) -> None:
        if row >= 0:
            self.show_page(self.nav.item(row).data(KEY_ROLE))

    def focus_search(self) -> None:
        """Ctrl+F: the search of the current page, else of the first page that has one."""
        page = self.stack.currentWidget()
        if not isinstance(page, SearchablePage):
            for spec in self._visible_specs():
                candidate = self.page(spec.key)
                if isinstance(candidate, SearchablePage):
                    self.show_page(spec.key)
                    page = candidate
                    break
            else:
                return
        page.focus_search()

    # --- who is at the window ----------------------------------------------------------------
    def _on_session_changed(self) -> None:
        session = self._context.session
        if session is None:
            return
        actor = session.actor
        self.user_label.setText(
            t("工作人员：{name}（{role}）", name=actor.display_name, role=t(actor.role.label))
        )
        self.window_label.setText(
            t("窗口：{window}", window=session.window_name)
            if session.window_name
            else t("未指定窗口")
        )
        center = self._context.settings.center()
        self.setWindowTitle(t("{center} — townclerk", center=center.center_name))
        self._clear_messages()
        self._rebuild_pages()

    def _clear_messages(self) -> None:
        """What the last user's actions reported is not the new user's: every page's message
        lines and the status bar start empty after a switch."""
        self.statusBar().clearMessage()
        for page in self.pages.values():
            for line in page.findChildren(MessageLine):
                line.clear_message()
            clear = getattr(page, "clear_messages", None)
            if callable(clear):
                clear()

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.SETTINGS:
            center = self._context.settings.center()
            self.idle.minutes = center.idle_lock_minutes
            self.setWindowTitle(t("{center} — townclerk", center=center.center_name))

    def switch_user(self) -> None:
        session = self._context.session
        dialog = LoginDialog(self._context, self, window_id=session.window_id if session else None)
        dialog.setObjectName("switchUserDialog")
        dialog.accepted.connect(lambda: self._start_session_from(dialog))
        self.login_dialog = dialog
        dialog.open()

    def _start_session_from(self, dialog: LoginDialog) -> None:
        if dialog.session is not None:
            self._context.start_session(dialog.session)
        self.login_dialog = None

    # --- the idle lock -----------------------------------------------------------------------
    def is_locked(self) -> bool:
        return self.lock_dialog is not None

    def lock(self) -> None:
        if self.lock_dialog is not None or self._context.session is None:
            return
        self._focus_before_lock = QApplication.focusWidget()
        self.central.setCurrentWidget(self.lock_cover)
        self.menuBar().setEnabled(False)
        dialog = LockDialog(self._context, self)
        dialog.finished.connect(self._unlocked)
        self.lock_dialog = dialog
        dialog.open()

    def end_session(self, message: str) -> None:
        """The user was disabled: back to the login dialog over the locked window (the pages,
        and any form as typed, stay underneath for whoever logs in next)."""
        self.lock()
        dialog = self.lock_dialog
        if dialog is None:
            return
        dialog.message.setText(message)
        if dialog.login_dialog is None:
            dialog.switch_user()

    def _unlocked(self) -> None:
        dialog = self.lock_dialog
        self.lock_dialog = None
        if dialog is not None and dialog.new_session is not None:
            self._context.start_session(dialog.new_session)
        self.central.setCurrentWidget(self.content)
        self.menuBar().setEnabled(True)
        if self._focus_before_lock is not None and self._focus_before_lock.isVisible():
            self._focus_before_lock.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus_before_lock = None
        self.idle.reset()
        if dialog is not None:
            dialog.deleteLater()

    # --- the rest ----------------------------------------------------------------------------
    def _about(self) -> None:
        QMessageBox.about(
            self,
            t("关于 townclerk"),
            t(
                "townclerk {version}\n乡镇为民服务中心综合窗口受理系统。\n数据库：{url}",
                version=__version__,
                url=self._context.db.engine.url.render_as_string(),
            ),
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.idle.watch_window(self.windowHandle())  # it exists once the window is shown

    def _on_backup_status(self) -> None:
        if self.backups.problem:
            self.statusBar().showMessage(self.backups.problem)

    def closeEvent(self, event: QCloseEvent) -> None:
        save_main_window(self, self.window_settings)
        self._page_builder.stop()
        self.idle.stop()
        if self.backups.started:
            self.statusBar().showMessage(t("正在备份，完成后关闭…"))
            self.backups.at_close()
        super().closeEvent(event)
