"""One item of the catalog as the browser shows it: limits, fee, place, conditions, materials,
and (for administrators) its everyday names, editable."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import CaseKind
from townclerk.i18n import t
from townclerk.services.catalog import ItemDetail
from townclerk.ui import style
from townclerk.ui.widgets.message_line import MessageLine

MUTED_COLOUR = style.MUTED.name()


class ItemDetailView(QWidget):
    """The chosen item in full; :attr:`save_aliases` asks the page to store typed names."""

    save_aliases = Signal(int, str)  # item id, the names as typed

    def __init__(self, can_edit_aliases: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogItemDetail")
        self.item: ItemDetail | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("browserItemTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.text = QTextBrowser()
        self.text.setObjectName("browserItemText")
        self.text.setAccessibleName(t("事项详情"))
        self.text.setOpenLinks(False)
        layout.addWidget(self.text, 1)
        self.alias_row = QWidget()
        row = QHBoxLayout(self.alias_row)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(t("常用名(&N)："))
        self.alias_edit = QLineEdit()
        self.alias_edit.setObjectName("aliasEdit")
        self.alias_edit.setAccessibleName(t("常用名"))
        self.alias_edit.setPlaceholderText(t("如 低保、吃低保（用顿号分隔）"))
        label.setBuddy(self.alias_edit)
        self.alias_button = QPushButton(t("保存常用名(&S)"))
        self.alias_button.setObjectName("saveAliasesButton")
        self.alias_button.clicked.connect(self._save)
        self.alias_edit.returnPressed.connect(self._save)
        row.addWidget(label)
        row.addWidget(self.alias_edit, 1)
        row.addWidget(self.alias_button)
        layout.addWidget(self.alias_row)
        self.message = MessageLine("aliasMessage")
        layout.addWidget(self.message)
        self.alias_row.setVisible(can_edit_aliases)
        self.show_item(None)

    def show_item(self, item: ItemDetail | None) -> None:
        if item is None or self.item is None or item.id != self.item.id:
            self.message.clear_message()  # a saved item read again keeps its "saved" line
        self.item = item
        self.alias_row.setEnabled(item is not None)
        if item is None:
            self.title.setText(t("在左侧选择事项查看详情。"))
            self.text.clear()
            self.alias_edit.clear()
            return
        self.title.setText(item.name)
        self.alias_edit.setText("、".join(item.aliases))
        self.text.setHtml(self._html(item))

    def _html(self, item: ItemDetail) -> str:
        if item.case_kind is CaseKind.INSTANT:
            limits = t("即办件：当场办结")
        else:
            limits = t(
                "法定{statutory}个工作日，承诺{promised}个工作日",
                statutory=item.statutory_days,
                promised=item.promised_days,
            )
        fee = (item.fee_standard or t("收费")) if item.charges_fee else t("不收费")
        routing = t(item.routing.label) if item.routing is not None else ""
        if item.review_days is not None:
            routing += t("（初审{days}个工作日）", days=item.review_days)
        rows = [
            (t("常用名"), "、".join(item.aliases)),
            (t("事项编码"), item.code),
            (t("原实施部门"), item.department),
            (t("实施主体"), item.issuing_body),
            (t("事项类型"), t(item.category.label)),
            (t("受理层级"), t(item.level.label)),
            (t("办理时限"), limits),
            (t("办理方式"), routing),
            (t("收费情况"), fee),
            (t("办理地点"), item.place),
            (t("受理窗口"), item.window_name),
            (t("办理结果"), item.result),
            (t("受理条件"), item.conditions),
            (t("设定依据"), item.legal_basis),
            (t("备注"), item.notes),
        ]
        parts = ['<table cellspacing="0" cellpadding="3">']
        for label, value in rows:
            if value:
                text = html.escape(value).replace("\n", "<br>")
                parts.append(
                    f'<tr><td valign="top" style="color:{MUTED_COLOUR}; white-space:nowrap">'
                    f"{html.escape(label)}</td><td>{text}</td></tr>"
                )
        parts.append("</table>")
        parts.append(
            "<h3>"
            + html.escape(t("申请材料（{count}项）", count=len(item.materials)))
            + "</h3><ol>"
        )
        for material in item.materials:
            notes = []
            notes.append(t(material.form.label))
            notes.append(t("{copies}份", copies=material.copies))
            if not material.required:
                notes.append(t("非必要"))
            if material.tolerance_allowed:
                notes.append(t("可容缺"))
            extra = f"<br><small>{html.escape(material.notes)}</small>" if material.notes else ""
            parts.append(
                f"<li>{html.escape(material.name)} "
                + style.coloured_html(f"({html.escape('，'.join(notes))})", style.MUTED)
                + f"{extra}</li>"
            )
        parts.append("</ol>")
        return "".join(parts)

    def _save(self) -> None:
        if self.item is not None and self.alias_row.isVisible():
            self.save_aliases.emit(self.item.id, self.alias_edit.text())
