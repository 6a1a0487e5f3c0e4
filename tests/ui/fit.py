"""Whether a page fits its window: shared by the in-process fit tests and the scaled-window
driver that runs the real program in a subprocess."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractItemView, QScrollArea, QWidget


def outside(window: QWidget, page: QWidget) -> list[str]:
    """The visible controls of ``page`` not wholly inside ``window`` (those in a scroll area
    count by its viewport), and scroll areas that would need scrolling sideways."""
    problems = []
    bounds = window.rect()
    for child in page.findChildren(QWidget):
        if not child.isVisible() or child.window() is not window:
            continue
        if isinstance(child, QScrollArea) and (
            child.horizontalScrollBar().isVisible()
            or (child.widget() is not None and child.widget().width() > child.viewport().width())
        ):
            problems.append(
                f"{child.objectName() or type(child).__name__} scrolls sideways"
                f" ({child.widget().width() if child.widget() else 0} > {child.viewport().width()})"
            )
        scroller = _scroll_ancestor(child, page)
        if scroller is not None:
            continue  # reachable by scrolling up and down: its scroll area is checked instead
        rect = QRect(child.mapTo(window, QPoint(0, 0)), child.size())
        if not bounds.contains(rect):
            problems.append(f"{type(child).__name__} {child.objectName()!r} at {rect.getRect()}")
    return problems


def _scroll_ancestor(widget: QWidget, page: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QScrollArea | QAbstractItemView):
            return parent
        parent = parent.parentWidget()
    return None
