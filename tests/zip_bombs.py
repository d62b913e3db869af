"""Zip bombs: Office files that unpack to far more than they weigh, and a child process
that reads one and reports its refusal, time and peak memory (tests and bench/import.py).

The child's address space is capped so that a regression fails instead of swapping the
machine.
"""

import io
import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl

ROOT = Path(__file__).resolve().parent.parent

MB = 1024 * 1024
BOMB_BYTES = 190 * MB  # under the 200 MB the old check let through to the reader
CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
import django
django.setup()
from django.utils import translation
from lanu.importers import read_plan_bytes
from lanu.importers.data import ImportRefused
path, name = sys.argv[1:3]
with open(path, "rb") as file:
    raw = file.read()
start = time.perf_counter()
with translation.override("fi"):
    try:
        read_plan_bytes(raw, name)
        refusal = None
    except ImportRefused as refused:
        refusal = str(refused)
ms = (time.perf_counter() - start) * 1000
# VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's resident size
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) * 1024
print(json.dumps({"refusal": refusal, "peak": peak, "ms": ms}))
"""


def read_in_child(path, name: str) -> dict:
    """The child's refusal (None if the file was read), peak memory in bytes and the
    milliseconds read_plan_bytes took."""
    env = {"DJANGO_SETTINGS_MODULE": "lanu.settings", "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-c", CHILD, str(path), name]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def office_file(kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "docx":
        document = docx.Document()
        document.add_paragraph("Suunnitelma")
        document.save(out)
    else:
        openpyxl.Workbook().save(out)
    return out.getvalue()


BOMB_PART = {"docx": "word/document.xml", "xlsx": "xl/worksheets/sheet1.xml"}
REPEATED = {
    "docx": b"<w:p><w:r><w:t>Toimenpide</w:t></w:r></w:p>",
    "xlsx": b'<row r="2"><c r="A2" t="inlineStr"><is><t>Toimenpide</t></is></c></row>',
}
HEAD = {
    "docx": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
    b'main"><w:body>',
    "xlsx": b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>",
}
TAIL = {"docx": b"</w:body></w:document>", "xlsx": b"</sheetData></worksheet>"}


def bomb(kind: str, unpacked: int = BOMB_BYTES, repeated: bytes = b"", cell: bool = False) -> bytes:
    """A valid Office file whose main part is `unpacked` bytes of repeated XML (or, for
    an Excel file with `cell`, of one cell's text)."""
    repeated = repeated or REPEATED[kind]
    head, tail = HEAD[kind], TAIL[kind]
    if cell:
        head += b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
        tail = b"</t></is></c></row>" + tail
    source = zipfile.ZipFile(io.BytesIO(office_file(kind)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for part in source.infolist():
            if part.filename != BOMB_PART[kind]:
                archive.writestr(part, source.read(part))
        with archive.open(BOMB_PART[kind], "w") as stream:
            stream.write(head)
            block = repeated * (MB // len(repeated))
            for _ in range(unpacked // len(block)):
                stream.write(block)
            stream.write(repeated * (unpacked % len(block) // len(repeated)))
            stream.write(tail)
    return out.getvalue()


def lying(raw: bytes, part: str, declared: int) -> bytes:
    """The archive with both headers of `part` declaring `declared` unpacked bytes."""
    data = bytearray(raw)
    name = part.encode()
    # (signature, offset of the unpacked size, offset of the name's length, of the name)
    for signature, size_at, length_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        at = data.find(signature)
        while at >= 0:
            (length,) = struct.unpack_from("<H", data, at + length_at)
            if data[at + name_at : at + name_at + length] == name:
                struct.pack_into("<I", data, at + size_at, declared)
            at = data.find(signature, at + 1)
    return bytes(data)
