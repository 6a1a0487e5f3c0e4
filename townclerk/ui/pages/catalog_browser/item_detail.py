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
from townclerk.services.catalog import ItemDetail
from townclerk.ui.widgets.enum_text import enum_text
from townclerk.ui.widgets.message_line import MessageLine


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
        self.text.setAccessibleName(self.tr("The item in full"))
        self.text.setOpenLinks(False)
        layout.addWidget(self.text, 1)
        self.alias_row = QWidget()
        row = QHBoxLayout(self.alias_row)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("Everyday &names:"))
        self.alias_edit = QLineEdit()
        self.alias_edit.setObjectName("aliasEdit")
        self.alias_edit.setAccessibleName(self.tr("Everyday names"))
        self.alias_edit.setPlaceholderText(self.tr("e.g. 低保、吃低保 (separate with 、)"))
        label.setBuddy(self.alias_edit)
        self.alias_button = QPushButton(self.tr("&Save names"))
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
            self.title.setText(self.tr("Choose an item on the left to see it in full."))
            self.text.clear()
            self.alias_edit.clear()
            return
        self.title.setText(item.name)
        self.alias_edit.setText("、".join(item.aliases))
        self.text.setHtml(self._html(item))

    def _html(self, item: ItemDetail) -> str:
        if item.case_kind is CaseKind.INSTANT:
            limits = self.tr("Instant case: done on the spot")
        else:
            limits = self.tr(
                "Statutory {statutory} working days, promised {promised} working days"
            ).format(statutory=item.statutory_days, promised=item.promised_days)
        fee = (
            (item.fee_standard or self.tr("Charged"))
            if item.charges_fee
            else self.tr("Free of charge")
        )
        rows = [
            (self.tr("Everyday names"), "、".join(item.aliases)),
            (self.tr("Code"), item.code),
            (self.tr("Department"), item.department),
            (self.tr("Category"), enum_text(item.category)),
            (self.tr("Level"), enum_text(item.level)),
            (self.tr("Time limits"), limits),
            (self.tr("Fee"), fee),
            (self.tr("Place"), item.place),
            (self.tr("Window"), item.window_name),
            (self.tr("Result"), item.result),
            (self.tr("Conditions"), item.conditions),
            (self.tr("Legal basis"), item.legal_basis),
            (self.tr("Notes"), item.notes),
        ]
        parts = ['<table cellspacing="0" cellpadding="3">']
        for label, value in rows:
            if value:
                text = html.escape(value).replace("\n", "<br>")
                parts.append(
                    f'<tr><td valign="top" style="color:#5f6b7a; white-space:nowrap">'
                    f"{html.escape(label)}</td><td>{text}</td></tr>"
                )
        parts.append("</table>")
        parts.append(
            "<h3>"
            + html.escape(self.tr("Materials ({count})").format(count=len(item.materials)))
            + "</h3><ol>"
        )
        for material in item.materials:
            notes = []
            notes.append(enum_text(material.form))
            notes.append(self.tr("{copies} copy(ies)").format(copies=material.copies))
            if not material.required:
                notes.append(self.tr("optional"))
            if material.tolerance_allowed:
                notes.append(self.tr("may be handed in later (容缺)"))
            extra = f"<br><small>{html.escape(material.notes)}</small>" if material.notes else ""
            parts.append(
                f"<li>{html.escape(material.name)} "
                f'<span style="color:#5f6b7a">({html.escape("，".join(notes))})</span>{extra}</li>'
            )
        parts.append("</ol>")
        return "".join(parts)

    def _save(self) -> None:
        if self.item is not None and self.alias_row.isVisible():
            self.save_aliases.emit(self.item.id, self.alias_edit.text())
