#!/usr/bin/env python3
"""Prints the sections of a .wasm file and their sizes (what makes it big)."""
import sys

NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
         7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}


def leb(b, i):
    result = shift = 0
    while True:
        byte = b[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


data = open(sys.argv[1], "rb").read()
i = 8
while i < len(data):
    sid = data[i]
    size, j = leb(data, i + 1)
    name = NAMES.get(sid, str(sid))
    if sid == 0:
        n, k = leb(data, j)
        name += ":" + data[k:k + n].decode(errors="replace")
    print(f"{name:32} {size:>9}")
    i = j + size
