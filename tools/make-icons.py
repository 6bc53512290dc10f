#!/usr/bin/env python3
"""Draws the Rapport icon (two overlapping speech circles, warm and cool, on a
rounded tile) at 16/32/48/128 px as PNG, with no imaging library: the pixels
are computed with 4x4 supersampling and written with zlib."""
import struct
import zlib
from pathlib import Path

TILE = (22, 27, 38)
WARM = (249, 115, 22)
COOL = (56, 152, 236)


def coverage(size, x, y):
    """RGBA of pixel (x, y) on a size x size icon, averaged over 16 samples."""
    acc = [0.0, 0.0, 0.0, 0.0]
    for sy in range(4):
        for sx in range(4):
            u = (x + (sx + 0.5) / 4) / size
            v = (y + (sy + 0.5) / 4) / size
            rgba = sample(u, v)
            if rgba:
                for i in range(3):
                    acc[i] += rgba[i] * rgba[3]
                acc[3] += rgba[3]
    if acc[3] == 0:
        return (0, 0, 0, 0)
    return tuple(round(acc[i] / acc[3]) for i in range(3)) + (round(255 * acc[3] / 16),)


def in_rounded_square(u, v, r=0.22):
    cx = min(max(u, r), 1 - r)
    cy = min(max(v, r), 1 - r)
    return (u - cx) ** 2 + (v - cy) ** 2 <= r * r


def sample(u, v):
    if not in_rounded_square(u, v):
        return None
    in_warm = (u - 0.40) ** 2 + (v - 0.45) ** 2 <= 0.24 ** 2
    in_cool = (u - 0.60) ** 2 + (v - 0.55) ** 2 <= 0.24 ** 2
    if in_warm and in_cool:
        # Where the two voices meet: a lighter blend.
        return tuple(min(255, (a + b) // 2 + 40) for a, b in zip(WARM, COOL)) + (1.0,)
    if in_cool:
        return COOL + (1.0,)
    if in_warm:
        return WARM + (1.0,)
    return TILE + (1.0,)


def png(size):
    rows = b""
    for y in range(size):
        rows += b"\x00" + b"".join(bytes(coverage(size, x, y)) for x in range(size))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "extension" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        (out / f"icon-{size}.png").write_bytes(png(size))
