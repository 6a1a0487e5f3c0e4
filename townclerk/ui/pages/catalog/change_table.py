"""What importing a catalog file would change, as a Qt tree model.

Three groups at the top (new items, changed items, items to retire), present when they are not
empty. A changed item has one child row per changed field, with the old and the new value
(materials are one field whose values list every material, one per line). The model holds a
:class:`CatalogPreview` handed to it; it never queries the database itself.

Rows are kept in a flat list of nodes; an index's internal id is its node's position in that
list, so no Python object is handed to Qt as a pointer.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from townclerk.i18n import pt, t
from townclerk.services.catalog import CatalogPreview, ItemBrief
from townclerk.ui.models.row_table import column_header

COL_CODE = 0
COL_NAME = 1
COL_BEFORE = 2
COL_AFTER = 3
COLUMN_COUNT = 4


class ChangeGroup(Enum):
    ADDED = "added"
    CHANGED = "changed"
    RETIRED = "retired"


class NodeKind(Enum):
    GROUP = "group"
    ITEM = "item"
    FIELD = "field"


NodeKindRole = Qt.ItemDataRole.UserRole + 1  # NodeKind
GroupRole = Qt.ItemDataRole.UserRole + 2  # the ChangeGroup a row belongs to
CodeRole = Qt.ItemDataRole.UserRole + 3  # the item code (item and field rows)
FieldRole = Qt.ItemDataRole.UserRole + 4  # the field's name, e.g. "promised_days" (field rows)
# For a multi-line old or new value (a material list): which of its lines differ from the other
# side, as a tuple of booleans, one per line; None for single-line values.
ChangedLinesRole = Qt.ItemDataRole.UserRole + 5

_NO_PARENT = -1
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LEAF_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemNeverHasChildren

Index = QModelIndex | QPersistentModelIndex


@dataclass
class _Node:
    kind: NodeKind
    group: ChangeGroup
    parent: int
    row: int
    texts: tuple[str, str, str, str]
    code: str = ""
    field_name: str = ""
    changed_lines: tuple[tuple[bool, ...], tuple[bool, ...]] | None = None  # before, after
    children: list[int] = field(default_factory=list)


def changed_lines(old: str, new: str) -> tuple[tuple[bool, ...], tuple[bool, ...]] | None:
    """Which lines of ``old`` and of ``new`` are not in the other (None for one-line values)."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    if len(old_lines) <= 1 and len(new_lines) <= 1:
        return None
    old_marks = [False] * len(old_lines)
    new_marks = [False] * len(new_lines)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag != "equal":
            old_marks[old_start:old_end] = [True] * (old_end - old_start)
            new_marks[new_start:new_end] = [True] * (new_end - new_start)
    return tuple(old_marks), tuple(new_marks)


class CatalogChangeModel(QAbstractItemModel):
    """The changes of one preview: groups → items → changed fields."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._headers = (
            pt("CatalogChangeModel", "事项编码"),
            t("事项 / 字段"),
            t("变更前"),
            t("变更后"),
        )

    # --- filling ---------------------------------------------------------------------------
    def set_preview(self, preview: CatalogPreview | None) -> None:
        self.beginResetModel()
        self._nodes = []
        self._top = []
        if preview is not None:
            self._fill(preview)
        self.endResetModel()

    def _fill(self, preview: CatalogPreview) -> None:
        if preview.added:
            group = self._add_group(
                ChangeGroup.ADDED, t("新增事项（{count}个）", count=len(preview.added))
            )
            for brief in preview.added:
                self._add_brief(group, ChangeGroup.ADDED, brief)
        if preview.changed:
            group = self._add_group(
                ChangeGroup.CHANGED,
                t(
                    "变更事项（{count}个，其中编码变更{recoded}个）",
                    count=len(preview.changed),
                    recoded=len(preview.recoded),
                )
                if preview.recoded
                else t("变更事项（{count}个）", count=len(preview.changed)),
            )
            for change in preview.changed:
                name = change.name
                if change.recoded:
                    name += " " + t("—— 编码变更：同一事项，办件和使用记录随之保留")
                item = self._add(
                    group,
                    NodeKind.ITEM,
                    ChangeGroup.CHANGED,
                    (change.code, name, "", ""),
                    code=change.code,
                )
                for changed_field in change.changes:
                    node = self._add(
                        item,
                        NodeKind.FIELD,
                        ChangeGroup.CHANGED,
                        ("", t(changed_field.label), changed_field.old, changed_field.new),
                        code=change.code,
                        field_name=changed_field.field,
                    )
                    self._nodes[node].changed_lines = changed_lines(
                        changed_field.old, changed_field.new
                    )
        if preview.retired:
            group = self._add_group(
                ChangeGroup.RETIRED,
                t("撤销事项（{count}个）：保留记录，不再受理新办件", count=len(preview.retired)),
            )
            for brief in preview.retired:
                self._add_brief(group, ChangeGroup.RETIRED, brief)

    def _add_group(self, group: ChangeGroup, title: str) -> int:
        return self._add(_NO_PARENT, NodeKind.GROUP, group, (title, "", "", ""))

    def _add_brief(self, parent: int, group: ChangeGroup, brief: ItemBrief) -> None:
        name = t("{name}（{department}）", name=brief.name, department=brief.department)
        if brief.restored:
            name += " " + t("——此前已撤销，本次恢复")
        self._add(parent, NodeKind.ITEM, group, (brief.code, name, "", ""), code=brief.code)

    def _add(
        self,
        parent: int,
        kind: NodeKind,
        group: ChangeGroup,
        texts: tuple[str, str, str, str],
        *,
        code: str = "",
        field_name: str = "",
    ) -> int:
        siblings = self._top if parent == _NO_PARENT else self._nodes[parent].children
        node_id = len(self._nodes)
        self._nodes.append(_Node(kind, group, parent, len(siblings), texts, code, field_name))
        siblings.append(node_id)
        return node_id

    # --- finding rows (the dialog and tests) -----------------------------------------------
    def group_index(self, group: ChangeGroup) -> QModelIndex:
        """The group's row, or an invalid index when the preview has nothing in that group."""
        for row, node_id in enumerate(self._top):
            if self._nodes[node_id].group is group:
                return self.createIndex(row, 0, node_id)
        return QModelIndex()

    def codes_in(self, group: ChangeGroup) -> list[str]:
        parent = self.group_index(group)
        return [
            self.index(row, COL_CODE, parent).data(CodeRole) for row in range(self.rowCount(parent))
        ]

    # --- the model -------------------------------------------------------------------------
    def _children(self, parent: Index) -> list[int]:
        if not parent.isValid():
            return self._top
        return self._nodes[parent.internalId()].children

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._children(parent)[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._nodes[index.internalId()]
        if node.parent == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(self._nodes[node.parent].row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COLUMN_COUNT

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        return column_header(self._headers, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._nodes[index.internalId()].kind is NodeKind.FIELD:
            return _LEAF_FLAGS
        return _ROW_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < COLUMN_COUNT:
            return None
        node = self._nodes[index.internalId()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = node.texts[column]
            return text if role == Qt.ItemDataRole.DisplayRole or text else None
        if role == Qt.ItemDataRole.FontRole and node.kind is NodeKind.GROUP:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and node.kind is NodeKind.FIELD:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == ChangedLinesRole:
            if node.changed_lines is None or column not in (COL_BEFORE, COL_AFTER):
                return None
            return node.changed_lines[column - COL_BEFORE]
        if role == NodeKindRole:
            return node.kind
        if role == GroupRole:
            return node.group
        if role == CodeRole:
            return node.code or None
        if role == FieldRole:
            return node.field_name or None
        return None
