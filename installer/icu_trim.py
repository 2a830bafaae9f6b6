"""A smaller ICU data library for the Linux bundle: 32 MB of locale data down to ~3 MB.

PySide6's Linux wheels link Qt Core against ICU 73, whose data library
(``libicudata.so.73``) carries every locale's names, units, currencies, transliterators,
break dictionaries and 200 code pages. Qt Core calls ICU for four things only (check with
``nm -D --undefined-only libQt6Core.so.6 | grep _73``): collation (``ucol_*``), code-page
conversion (``ucnv_*``), locale-aware case mapping (``u_strToUpper/Lower``) and time-zone
names (``ucal_*``). The app itself sorts and folds text in Python, and reads and writes
UTF-8 only. So the trimmed data keeps:

- every item that is not one locale's data (supplemental data, likely subtags, time-zone
  rules, normalization, properties, converter aliases...), and of the per-locale items
  only ``root`` and English;
- collation and time-zone names (``coll/``, ``zone/``) for ``root`` and English; another
  locale's collation falls back to ``root``, which is what ICU does for most locales anyway;
- two code pages besides the algorithmic ones (UTF-*, Latin-1, ASCII): Windows-1252 and
  ISO-8859-15.

The package format (ICU's "CmnD" common data: a header, a table of contents sorted by
name, then 16-byte aligned items) is read and written here, so the build needs nothing
from ICU itself; only a C compiler driver (``cc``) to wrap the data as a shared library
exporting the same symbol. Without ``cc`` the build keeps the full library.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Iterable
from pathlib import Path

KEPT_FOLDERS = ("coll", "zone")  # and the top level; every other folder goes
KEPT_CODEPAGES = ("ibm-5348_P100-1997.cnv", "ibm-923_P100-1998.cnv")  # cp1252, 8859-15
KEPT_LOCALES = re.compile(r"^(root|en|en_.*)$")
LOCALE_ITEM = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")  # de, en_US, de__PHONEBOOK
NOT_LOCALES = {"res_index", "pool"}
_ALIGN = 16


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, item) pairs of an ICU common data package."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    if data[8] != 0:
        raise ValueError("a big-endian ICU package is not handled")
    (count,) = struct.unpack_from("<I", data, header_size)
    entries = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        start = header_size + name_offset
        name = data[start : data.index(b"\0", start)].decode("ascii")
        end = entries[index + 1][1] if index + 1 < count else len(data) - header_size
        items.append((name, data[header_size + data_offset : header_size + end]))
    return data[:header_size], items


def write_package(header: bytes, items: Iterable[tuple[str, bytes]]) -> bytes:
    """A package of ``items`` (sorted by name, as ICU's binary search expects)."""
    ordered = sorted(items, key=lambda item: item[0].encode("ascii"))
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in ordered)
    toc_size = 4 + 8 * len(ordered)
    data_start = _aligned(len(header) + toc_size + len(names)) - len(header)
    toc = struct.pack("<I", len(ordered))
    body = b""
    name_offset = toc_size
    for name, item in ordered:
        toc += struct.pack("<II", name_offset, data_start + len(body))
        name_offset += len(name) + 1
        body += item + b"\0" * (_aligned(len(item)) - len(item))
    padding = b"\0" * (data_start - toc_size - len(names))
    return header + toc + names + padding + body


def _aligned(size: int) -> int:
    return (size + _ALIGN - 1) // _ALIGN * _ALIGN


def kept(name: str) -> bool:
    """Whether the item ``icudt73l/<folder>/<file>`` stays in the trimmed package."""
    parts = name.split("/")[1:]  # without the package prefix
    folder, file = ("/".join(parts[:-1]), parts[-1])
    stem, _, suffix = file.rpartition(".")
    if folder and folder not in KEPT_FOLDERS:
        return False
    if suffix == "cnv":
        return file in KEPT_CODEPAGES
    if suffix == "res" and LOCALE_ITEM.match(stem) and stem not in NOT_LOCALES:
        return bool(KEPT_LOCALES.match(stem))
    return True


def data_symbol(library: Path) -> tuple[str, bytes]:
    """The exported symbol (``icudt73_dat``) and the package bytes it points at."""
    listing = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]):
            address, size = int(fields[0], 16), int(fields[1], 16)
            offset = _file_offset(library, address)
            return fields[3], library.read_bytes()[offset : offset + size]
    raise ValueError(f"{library} exports no icudt*_dat symbol")


def _file_offset(library: Path, address: int) -> int:
    """The file offset of a virtual address, from the ELF program headers (PT_LOAD)."""
    data = library.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        raise ValueError(f"{library} is not a 64-bit ELF file")
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for index in range(phnum):
        kind, _flags, offset, vaddr, _paddr, filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + index * phentsize
        )
        if kind == 1 and vaddr <= address < vaddr + filesz:
            return offset + address - vaddr
    raise ValueError(f"address {address:#x} is in no loaded segment of {library}")


def trimmed_library(source: Path, work: Path) -> Path | None:
    """Build the trimmed ``libicudata.so.NN`` under ``work``; None when ``cc`` is missing."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None
    symbol, package = data_symbol(source)
    header, items = read_package(package)
    trimmed = write_package(header, [(n, item) for n, item in items if kept(n)])
    work.mkdir(parents=True, exist_ok=True)
    blob = work / "icudata.dat"
    blob.write_bytes(trimmed)
    assembly = work / "icudata.S"
    assembly.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f'\t.incbin "{blob}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n'
    )
    target = work / source.name
    subprocess.run(
        [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{source.name}", "-o", str(target),
         str(assembly)],
        check=True,
    )  # fmt: skip
    return target
