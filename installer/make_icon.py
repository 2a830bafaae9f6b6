"""Paint the app icon (a sprout above ground, its roots below) and write every format we ship.

Run it after changing the drawing, then commit what it writes to ``resources/icons/``:

    .venv/bin/python installer/make_icon.py

PNGs at 16-512 px (the window icon and the Linux hicolor theme), ``rooted-desktop.ico``
(Windows executable, installer and shortcuts) and ``rooted-desktop.icns`` (macOS bundle).
Both container formats hold PNG images, which every Windows since Vista and every macOS
since 10.7 read, so this script needs nothing beyond Qt and the standard library.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
NAME = "rooted-desktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# (type code, pixel size) of the PNG-bearing ICNS entries, retina variants included.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)

SKY_TOP = QColor("#f7f9ee")
SKY_BOTTOM = QColor("#e4efcf")
SOIL_TOP = QColor("#8a5a36")
SOIL_BOTTOM = QColor("#5e3b22")
ROOT_COLOUR = QColor("#f4dfb8")
STEM = QColor("#2f7d32")
LEAF_DARK = QColor("#2f7d32")
LEAF_LIGHT = QColor("#5cae4f")
HORIZON = 56.0  # the ground line, in the 100-unit drawing


def paint(size: int) -> QImage:
    """The icon at ``size`` pixels; the drawing is in 100 units, strokes never below ~1 px."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = size / 100.0
    p.scale(scale, scale)

    def width(units: float) -> float:
        # Small icons keep their lines visible: at least 1.1 device pixels.
        return max(units, 1.1 / scale)

    tile = QRectF(4, 4, 92, 92)
    shape = QPainterPath()
    shape.addRoundedRect(tile, 20, 20)
    p.setClipPath(shape)

    sky = QLinearGradient(0, 4, 0, HORIZON)
    sky.setColorAt(0, SKY_TOP)
    sky.setColorAt(1, SKY_BOTTOM)
    p.fillRect(QRectF(0, 0, 100, HORIZON), QBrush(sky))
    soil = QLinearGradient(0, HORIZON, 0, 96)
    soil.setColorAt(0, SOIL_TOP)
    soil.setColorAt(1, SOIL_BOTTOM)
    p.fillRect(QRectF(0, HORIZON, 100, 100 - HORIZON), QBrush(soil))

    # Roots: a main taproot and two pairs of side roots, light on the dark soil.
    p.setBrush(Qt.BrushStyle.NoBrush)
    roots = QPainterPath(QPointF(50, HORIZON))
    roots.cubicTo(50, 68, 52, 76, 49, 88)
    roots.moveTo(50, HORIZON + 3)
    roots.cubicTo(44, 64, 34, 66, 26, 78)
    roots.moveTo(50, HORIZON + 3)
    roots.cubicTo(56, 64, 66, 66, 74, 78)
    p.setPen(_round_pen(ROOT_COLOUR, width(4.2)))
    p.drawPath(roots)
    if size >= 32:  # fine rootlets only where there are pixels for them
        rootlets = QPainterPath(QPointF(50.5, 72))
        rootlets.cubicTo(44, 76, 40, 80, 37, 88)
        rootlets.moveTo(50.5, 72)
        rootlets.cubicTo(57, 76, 61, 80, 64, 88)
        p.setPen(_round_pen(ROOT_COLOUR, width(2.6)))
        p.drawPath(rootlets)

    # Stem: from the ground, leaning a little, up to where the leaves open.
    stem = QPainterPath(QPointF(50, HORIZON + 1))
    stem.cubicTo(50, 46, 48, 38, 50, 27)
    p.setPen(_round_pen(STEM, width(4.6)))
    p.drawPath(stem)

    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(LEAF_LIGHT)
    p.drawPath(_leaf(QPointF(50, 32), QPointF(18, 16), bulge=13))
    p.setBrush(LEAF_DARK)
    p.drawPath(_leaf(QPointF(50, 29), QPointF(82, 11), bulge=-14))

    # A soft rim keeps the tile apart from light and dark backgrounds alike.
    p.setClipping(False)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor(40, 50, 30, 90), width(1.4)))
    p.drawRoundedRect(tile.adjusted(0.5, 0.5, -0.5, -0.5), 19.5, 19.5)
    p.end()
    return image


def _round_pen(colour: QColor, units: float) -> QPen:
    pen = QPen(colour, units)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def _leaf(base: QPointF, tip: QPointF, *, bulge: float) -> QPainterPath:
    """A pointed leaf from ``base`` to ``tip``, swelling ``bulge`` units to either side."""
    dx, dy = tip.x() - base.x(), tip.y() - base.y()
    length = (dx * dx + dy * dy) ** 0.5
    nx, ny = -dy / length * bulge, dx / length * bulge  # the normal, scaled

    def at(t: float, side: float) -> QPointF:
        return QPointF(base.x() + dx * t + nx * side, base.y() + dy * t + ny * side)

    path = QPainterPath(base)
    path.cubicTo(at(0.25, 1.0), at(0.75, 0.9), tip)
    path.cubicTo(at(0.7, -0.55), at(0.3, -0.6), base)
    return path


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file of PNG entries (a 256 px entry stores its size as 0)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in images.items():
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns(images: dict[bytes, bytes]) -> bytes:
    """An ICNS file: 'icns', total length, then (type, length, PNG) chunks."""
    chunks = b"".join(kind + struct.pack(">I", 8 + len(b)) + b for kind, b in images.items())
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(s for _, s in ICNS_TYPES)})
    pngs = {size: png_bytes(paint(size)) for size in sizes}
    for size in PNG_SIZES:
        (ICONS / f"{NAME}-{size}.png").write_bytes(pngs[size])
    (ICONS / f"{NAME}.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / f"{NAME}.icns").write_bytes(icns({kind: pngs[s] for kind, s in ICNS_TYPES}))
    print(f"wrote {len(PNG_SIZES)} PNGs, {NAME}.ico and {NAME}.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
