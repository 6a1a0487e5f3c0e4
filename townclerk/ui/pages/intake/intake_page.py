"""The one-screen intake (综合窗口受理): find the item, check the materials, identify the applicant,
then accept, give a one-time notice, or refuse.

The three areas sit side by side so the clerk never changes screen while a resident waits. The
keyboard path is: type in the search box, Enter, Alt+A (all received), type the ID number (a
returning applicant's details fill in), Ctrl+Enter. Registrations are writes (ui/operations.py):
they run on a worker thread and every screen showing cases hears of them; the page then shows
the number and due date and clears for the next resident.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

# The first item chosen needs the catalog service (AppContext.catalog imports it when first
# used): it comes with the page, so the first Enter in the search box does not wait for it.
import townclerk.services.catalog  # noqa: F401
from townclerk.i18n import pt, t
from townclerk.records.cases import CaseDetail, Intake, ResubmissionDraft
from townclerk.records.village_arrivals import PreRegistrationDraft
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.crash import show_user_error, user_message
from townclerk.ui.operations import WriteRunner
from townclerk.ui.pages.intake.applicant_panel import ApplicantPanel
from townclerk.ui.pages.intake.item_panel import ItemPanel
from townclerk.ui.pages.intake.refusal_dialog import RefusalDialog
from townclerk.ui.pages.intake.result_banner import ResultBanner
from townclerk.ui.pages.intake.search_panel import SearchPanel
from townclerk.ui.widgets.instant_mnemonic import instant_mnemonics
from townclerk.ui.widgets.text_dialog import TextDialog

log = logging.getLogger("townclerk.ui.intake")

# Each area: its least width, its share of the width when side by side, its least height in the
# column (which scrolls: the results and the materials table keep rows enough to work in).
_SEARCH_SIZE = (220, 3, 260)
_ITEM_SIZE = (380, 6, 420)
_APPLICANT_SIZE = (320, 4, 0)
_SEARCH_COMPACT_MAX = 320
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"


class IntakeLayout(Enum):
    WIDE = "wide"
    COMPACT = "compact"
    NARROW = "narrow"

    @classmethod
    def for_width(cls, width: int) -> IntakeLayout:
        """The layout for a page ``width`` px wide (about 120 px less than the window)."""
        if width >= 1180:
            return cls.WIDE
        if width >= 660:
            return cls.COMPACT
        return cls.NARROW


class IntakePage(QWidget):
    registered = Signal(object)  # the CaseDetail of an acceptance, notice or refusal

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakePage")
        self._context = context
        self._writes = WriteRunner(context, self)
        self._writes.finished.connect(self._update_actions)
        self._blockers_style: str | None = None
        self.text_dialog: TextDialog | None = None  # the notice's or refusal's, when open
        # 补齐后受理: the 一次性告知 an acceptance from this form completes (None: a new one).
        self.resubmits: str | None = None
        # Sent with every try to register this form, new for the next form: a try repeated
        # after a lost answer gives back the case of the first (services/intake_keys.py).
        self.intake_key = uuid.uuid4().hex
        # 村代办: the village pre-registration this form answers (None: none).
        self.pre_registration: str | None = None

        self.search = SearchPanel(context)
        self.item_panel = ItemPanel(context)
        self.applicant = ApplicantPanel(context)
        self.search.setObjectName("searchPanel")
        self.item_panel.setObjectName("itemPanel")
        self.applicant.setObjectName("applicantPanel")
        self._panels: tuple[QWidget, ...] = (self.search, self.item_panel, self.applicant)
        self._sizes = dict(
            zip(self._panels, (_SEARCH_SIZE, _ITEM_SIZE, _APPLICANT_SIZE), strict=True)
        )
        # Wide (a window of ~1300 px and more): the three areas side by side. Compact: the
        # search on the left, the materials above the applicant in a column that scrolls up and
        # down. Narrow (1024 px at 150 %): everything in that one column. Never sideways.
        self.wide_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.wide_splitter.setObjectName("intakeSplitter")
        self.wide_splitter.setChildrenCollapsible(False)
        self.column = QWidget()
        self.column.setObjectName("intakeColumn")
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.setContentsMargins(0, 0, 4, 0)
        self.column_scroll = QScrollArea()
        self.column_scroll.setObjectName("intakeColumnScroll")
        self.column_scroll.setWidgetResizable(True)
        self.column_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.column_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.column_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.column_scroll.setWidget(self.column)
        self.column_scroll.setMinimumWidth(_ITEM_SIZE[0] + 24)  # the column never cut sideways
        self.compact_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.compact_splitter.setObjectName("intakeCompactSplitter")
        self.compact_splitter.setChildrenCollapsible(False)
        self.compact_splitter.addWidget(self.column_scroll)
        self.areas = QStackedWidget()
        self.areas.addWidget(self.wide_splitter)
        self.areas.addWidget(self.compact_splitter)
        # The window may shrink below what the side-by-side areas need: the page then switches
        # to the compact or narrow layout (resizeEvent) instead of holding the window wide.
        self.areas.setMinimumSize(400, 200)
        self.layout_mode: IntakeLayout | None = None
        self.arrange(IntakeLayout.WIDE)
        self.wide_splitter.setSizes([300, 600, 400])  # the materials need the room most
        self.compact_splitter.setSizes([260, 600])

        self.banner = ResultBanner(context)
        self.resubmission_label = QLabel()
        self.resubmission_label.setObjectName("resubmissionLabel")
        self.resubmission_label.setWordWrap(True)
        self.resubmission_label.setStyleSheet(style.text_style(style.CAUTION, bold=True))
        self.resubmission_label.hide()
        self.blockers = QLabel()
        self.blockers.setObjectName("acceptBlockers")
        self.blockers.setWordWrap(True)
        self.clear_button = QPushButton(t("清空(&L)"))
        self.clear_button.setObjectName("clearButton")
        self.clear_button.setAccessibleName(t("清空表单，接待下一位群众"))
        self.notice_button = QPushButton(t("一次性告知(&N)"))
        self.notice_button.setObjectName("noticeButton")
        self.notice_button.setAccessibleName(t("登记一次性告知"))
        self.refuse_button = QPushButton(t("不予受理(&R)"))
        self.refuse_button.setObjectName("refuseButton")
        self.refuse_button.setAccessibleName(pt("IntakePage", "不予受理"))
        self.accept_button = QPushButton(t("受理 (Ctrl+Enter)"))
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.setAccessibleName(t("受理申请"))
        self.accept_button.setStyleSheet("font-weight: bold; padding: 6px 18px;")
        self.accept_button.setDefault(False)
        self.accept_button.setAutoDefault(False)

        actions = QHBoxLayout()
        actions.addWidget(self.blockers, 1)
        for button in (
            self.clear_button,
            self.notice_button,
            self.refuse_button,
            self.accept_button,
        ):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.resubmission_label)
        layout.addWidget(self.areas, 1)
        layout.addWidget(self.banner)
        layout.addLayout(actions)

        self.search.item_chosen.connect(self.choose_item)
        self.item_panel.changed.connect(self._update_actions)
        self.item_panel.all_received.connect(self.applicant.focus_id)
        self.applicant.changed.connect(self._update_actions)
        self.accept_button.clicked.connect(self.accept)
        self.notice_button.clicked.connect(self.notify)
        self.refuse_button.clicked.connect(self.refuse)
        self.clear_button.clicked.connect(self.clear_form)
        instant_mnemonics(self, self.clear_button, self.notice_button, self.refuse_button)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._accept_shortcut)
        self._update_actions()

    # --- the layout for the window's width ---------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange(IntakeLayout.for_width(event.size().width()))

    def arrange(self, mode: IntakeLayout) -> None:
        """Put the three areas side by side, or the last two (all three) in the column."""
        if mode is self.layout_mode:
            return
        focused = QApplication.focusWidget()
        keep_focus = focused is not None and self.isAncestorOf(focused)
        in_column = {
            IntakeLayout.WIDE: (),
            IntakeLayout.COMPACT: (self.item_panel, self.applicant),
            IntakeLayout.NARROW: self._panels,
        }[mode]
        for panel in self._panels:
            minimum_width, stretch, column_height = self._sizes[panel]
            panel.setMinimumWidth(minimum_width)
            panel.setMinimumHeight(column_height if panel in in_column else 0)
            if mode is IntakeLayout.WIDE:
                self.wide_splitter.addWidget(panel)
                self.wide_splitter.setStretchFactor(self.wide_splitter.indexOf(panel), stretch)
            elif panel in in_column:
                self.column_layout.addWidget(panel)
            else:
                self.compact_splitter.insertWidget(0, panel)
        self.compact_splitter.setStretchFactor(self.compact_splitter.indexOf(self.column_scroll), 1)
        self.areas.setCurrentWidget(
            self.wide_splitter if mode is IntakeLayout.WIDE else self.compact_splitter
        )
        self.layout_mode = mode
        # Beside the column the search keeps to a third or so: the materials need the room.
        self.search.setMaximumWidth(
            _SEARCH_COMPACT_MAX if mode is IntakeLayout.COMPACT else QWIDGETSIZE_MAX
        )
        for panel in self._panels:
            panel.show()

        if keep_focus and focused is not None:
            focused.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def busy(self) -> bool:
        """A registration is being saved."""
        return self._writes.is_running()

    # --- navigation --------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.focus_search()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.item_panel.item is None and not self.busy:
            self.focus_search()

    def choose_item(self, item_id: int) -> None:
        current = self.item_panel.item
        if current is not None and current.id == item_id:
            # Chosen again (a second Enter, a double click): keep what was ticked.
            self.item_panel.focus_materials()
            return
        self._end_resubmission()  # another item: a new application, not the notice's
        try:
            detail = self._context.catalog.item(item_id)
        except Exception as error:
            show_user_error(self, user_message(error))
            return
        self.item_panel.show_item(detail)
        if self.item_panel.model.rowCount():
            self.item_panel.focus_materials()
        else:
            self.applicant.focus_id()

    def _start_prefilled(self, item_id: int, received: Sequence[int]) -> bool:
        """A cleared form showing item ``item_id`` with the materials ``received`` ticked;
        False (with the reason shown) when the form is busy or the item cannot be read."""
        if self.busy:
            show_user_error(self, t("正在保存上一件，请稍后再试"))
            return False
        self.clear_form()
        try:
            detail = self._context.catalog.item(item_id)
        except Exception as error:
            show_user_error(self, user_message(error))
            return False
        self.item_panel.show_item(detail)
        self.item_panel.model.receive(received)
        return True

    def start_resubmission(self, draft: ResubmissionDraft) -> None:
        """补齐后受理: the form pre-filled from the 一次性告知 ``draft`` (its item, applicant,
        agent, and the materials already seen then ticked); accepting links the new case to
        the notice."""
        if not self._start_prefilled(draft.item_id, draft.received_material_ids):
            return
        self.applicant.fill(draft.applicant, draft.agent, draft.channel)
        self.resubmits = draft.notice_number
        self.resubmission_label.setText(
            t(
                "补齐一次性告知 {number} 后受理：已预填该告知的事项、申请人和当时已收取的材料；"
                "请勾选申请人补齐的材料后受理（清空表单则不再关联）。",
                number=draft.notice_number,
            )
        )
        self.resubmission_label.show()
        self.item_panel.focus_materials()
        self._update_actions()

    def start_pre_registration(self, draft: PreRegistrationDraft, *, notify: bool = False) -> None:
        """村代办件到达: the form pre-filled from a village pre-registration (its item, applicant,
        agent and the papers the point ticked); accepting or telling (一次性告知, ``notify``
        opens its dialog at once) answers the pre-registration in the same transaction."""
        if not self._start_prefilled(draft.item_id, draft.received_material_ids):
            return
        self.applicant.fill_input(draft.applicant, draft.agent, draft.channel)
        self.pre_registration = draft.reference
        self.resubmission_label.setText(
            t(
                "村代办预登记 {reference}（{point}）：已预填事项、申请人、代办员和村便民服务点"
                "勾选的材料；请核对实际收到的材料后受理或一次性告知（清空表单则不再关联）。",
                reference=draft.reference,
                point=draft.point_name,
            )
        )
        self.resubmission_label.show()
        self.item_panel.focus_materials()
        self._update_actions()
        if notify:
            self.notify()

    def _end_resubmission(self) -> None:
        self.resubmits = None
        self.pre_registration = None
        self.resubmission_label.hide()

    def clear_form(self) -> None:
        self._end_resubmission()
        self.intake_key = uuid.uuid4().hex
        self.item_panel.show_item(None)
        self.applicant.clear()
        self.search.clear()
        self.focus_search()

    # --- what may be done now ----------------------------------------------------------------
    def accept_problems(self) -> list[str]:
        if self.item_panel.item is None:
            return [t("选择事项")]
        return self.item_panel.problems() + self.applicant.problems(phone_required=True)

    def _can_register(self) -> bool:
        """A notice or refusal needs the item and who the applicant is (phone optional)."""
        return (
            self.item_panel.item is not None
            and not self.applicant.problems(phone_required=False)
            and not self.busy
        )

    def _update_actions(self) -> None:
        self.item_panel.model.set_agent_filing(self.applicant.agent_filing())
        problems = self.accept_problems()
        self.accept_button.setEnabled(not problems and not self.busy)
        can_register = self._can_register()
        self.notice_button.setEnabled(can_register)
        # A pre-registration is accepted or told what is missing (一次性告知), never refused.
        self.refuse_button.setEnabled(can_register and self.pre_registration is None)
        self.clear_button.setEnabled(not self.busy)
        if self.busy:
            self.blockers.setText(t("正在保存…"))
            self._style_blockers("")
        elif problems:
            self.blockers.setText(t("受理前还需：{problems}", problems="; ".join(problems)))
            self._style_blockers(style.MUTED_TEXT)
        else:
            self.blockers.setText(t("可以受理：按 Ctrl+Enter。"))
            self._style_blockers(style.text_style(style.OK, bold=True))

    def _style_blockers(self, sheet: str) -> None:
        # Called at every keystroke in the form: setting a style sheet re-polishes the label,
        # so only when it changes.
        if sheet != self._blockers_style:
            self._blockers_style = sheet
            self.blockers.setStyleSheet(sheet)

    def _accept_shortcut(self) -> None:
        if self.accept_button.isEnabled():
            self.accept()
        elif not self.busy:
            self._style_blockers(style.ERROR_TEXT)

    # --- registering -------------------------------------------------------------------------
    def _intake(self) -> Intake:
        item = self.item_panel.item
        assert item is not None
        return Intake(
            item_id=item.id,
            applicant=self.applicant.applicant_input(),
            materials=self.item_panel.model.material_inputs(),
            channel=self.applicant.channel(),
            window_id=self._context.window_id,
            agent=self.applicant.agent_input(),
            note=self.applicant.note(),
            intake_key=self.intake_key,
            pre_registration=self.pre_registration,
        )

    def accept(self) -> None:
        if not self.accept_button.isEnabled():
            return
        intake = self._intake()
        result_text = self.item_panel.result_text()
        actor = self._context.actor
        cases = self._context.cases
        resubmits = self.resubmits
        self._run(lambda: cases.accept(actor, intake, result_text=result_text, resubmits=resubmits))

    def notify(self) -> None:
        if not self._can_register():
            return
        missing = self.item_panel.model.missing()
        lines = [
            t(
                "{seq}. {name}（{need}）",
                seq=number,
                name=row.name,
                need=pt("IntakePage", "必要") if row.required else pt("IntakePage", "非必要"),
            )
            for number, row in enumerate(missing, start=1)
        ]
        listing = "\n".join(lines) if lines else t("（没有缺少的材料）")
        dialog = TextDialog(
            self,
            title=t("一次性告知"),
            prompt=t(
                "告知书将列明以下缺少的材料：\n"
                "{listing}\n"
                "\n"
                "申请人还需补充或补正的其他内容（可不填）：",
                listing=listing,
            ),
            confirm_text=t("出具告知"),
        )
        dialog.setObjectName("noticeDialog")
        self.text_dialog = dialog
        dialog.accepted.connect(lambda: self._register_notice(dialog.text()))
        dialog.open()

    def _register_notice(self, extra: str) -> None:
        intake = self._intake()
        actor = self._context.actor
        cases = self._context.cases
        self._run(lambda: cases.notify(actor, intake, extra=extra))

    def refuse(self) -> None:
        if not self._can_register() or self.pre_registration is not None:
            return
        item = self.item_panel.item
        dialog = RefusalDialog(
            self,
            reasons=self._context.settings.center().refusal_reasons,
            legal_basis=item.legal_basis if item is not None else "",
        )
        self.text_dialog = dialog
        dialog.accepted.connect(
            lambda: self._register_refusal(
                dialog.text(), dialog.legal_basis(), dialog.competent_body()
            )
        )
        dialog.open()

    def _register_refusal(self, reason: str, legal_basis: str, competent_body: str) -> None:
        intake = self._intake()
        actor = self._context.actor
        cases = self._context.cases
        self._run(
            lambda: cases.refuse(
                actor,
                intake,
                reason=reason,
                legal_basis=legal_basis,
                competent_body=competent_body,
            )
        )

    def _run(self, work: Callable[[], CaseDetail]) -> None:
        self._writes.run(
            work,
            on_done=self._done,
            on_user_error=lambda message: show_user_error(self, message),
            lost_message=t(
                "保存失败：与服务器的连接中断，本次操作未保存（办件未登记）。连接恢复后请再试。"
            ),
        )
        self._update_actions()

    def _done(self, case: CaseDetail) -> None:
        log.info("registered %s as %s", case.number, case.status.value)
        self.banner.show_case(case)
        self.clear_form()
        self.registered.emit(case)
