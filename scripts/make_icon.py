"""Draw townclerk's icon (a service-window counter with a stamped check) into resources/icons/.

Run once when the design changes: python scripts/make_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPen

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = size / 256
    painter.scale(scale, scale)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor("#b22222")))  # seal red
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 40, 40)
    painter.setBrush(QBrush(QColor("#ffffff")))
    painter.drawRoundedRect(QRectF(56, 40, 144, 176), 14, 14)  # the document
    painter.setBrush(QBrush(QColor("#b22222")))
    for row in range(3):
        painter.drawRoundedRect(QRectF(80, 72 + row * 28, 96, 10), 5, 5)  # its lines
    pen = QPen(
        QColor("#1b7f3a"),
        22,
        Qt.PenStyle.SolidLine,
        Qt.PenCapStyle.RoundCap,
        Qt.PenJoinStyle.RoundJoin,
    )
    painter.setPen(pen)
    painter.drawPolyline([QPointF(96, 170), QPointF(124, 196), QPointF(176, 144)])  # accepted
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(ICONS / "townclerk.png"))
    draw(256).save(str(ICONS / "townclerk.ico"))
    for size in (16, 32, 48):
        draw(size).save(str(ICONS / f"townclerk-{size}.png"))
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
