"""Zip bombs: Office files that unpack to far more than they weigh are refused early.

Each bomb is read in a child process, which reports its peak memory (resident set)
and the refusal; the child's address space is capped so that a regression fails
here instead of swapping the machine. Times are measured by bench/import.py.
"""

import io
import json
import struct
import subprocess
import sys
import zipfile

import docx
import openpyxl
import pytest

from conftest import ROOT

MB = 1024 * 1024
PEAK_LIMIT = 500 * MB
BOMB_BYTES = 190 * MB  # under the 200 MB the old check let through to the reader
CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
import django
django.setup()
from django.utils import translation
from lanu.importers import read_plan_bytes
from lanu.importers.data import ImportRefused
path, name = sys.argv[1:3]
with open(path, "rb") as file:
    raw = file.read()
with translation.override("fi"):
    try:
        read_plan_bytes(raw, name)
        refusal = None
    except ImportRefused as refused:
        refusal = str(refused)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"refusal": refusal, "peak": peak}))
"""


def read_in_child(path, name: str) -> dict:
    """The child's refusal (None if the file was read) and peak memory in bytes."""
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


def bomb(kind: str, unpacked: int = BOMB_BYTES, repeated: bytes = b"") -> bytes:
    """A valid Office file whose main part is `unpacked` bytes of repeated XML."""
    repeated = repeated or REPEATED[kind]
    source = zipfile.ZipFile(io.BytesIO(office_file(kind)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for part in source.infolist():
            if part.filename != BOMB_PART[kind]:
                archive.writestr(part, source.read(part))
        with archive.open(BOMB_PART[kind], "w") as stream:
            stream.write(HEAD[kind])
            block = repeated * (MB // len(repeated))
            for _ in range(unpacked // len(block)):
                stream.write(block)
            stream.write(repeated * (unpacked % len(block) // len(repeated)))
            stream.write(TAIL[kind])
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


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    for kind in ("docx", "xlsx"):
        raw = bomb(kind)
        (folder / f"bomb.{kind}").write_bytes(raw)
        (folder / f"lying.{kind}").write_bytes(lying(raw, BOMB_PART[kind], 4096))
    return folder


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
@pytest.mark.parametrize("made", ["bomb", "lying"])
def test_a_zip_bomb_is_refused_by_name_within_bounded_memory(bombs, kind, made):
    name = f"{made}.{kind}"
    assert (bombs / name).stat().st_size < MB
    found = read_in_child(bombs / name, name)
    assert found["refusal"] is not None
    assert found["refusal"].startswith(f"{name}: ")
    assert f"sen osa ”{BOMB_PART[kind]}” on yli 50 Mt" in found["refusal"]
    assert found["peak"] < PEAK_LIMIT


def test_a_file_of_too_many_parts_is_refused(tmp_path):
    source = zipfile.ZipFile(io.BytesIO(office_file("docx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for part in source.infolist():
            archive.writestr(part, source.read(part))
        for n in range(1001):
            archive.writestr(f"word/media/image{n}.png", b"")
    (tmp_path / "many.docx").write_bytes(out.getvalue())
    found = read_in_child(tmp_path / "many.docx", "many.docx")
    assert (
        found["refusal"]
        == "many.docx: Tiedostossa on liian monta osaa (1018): enimmäismäärä on 1000."
    )


def test_a_lying_header_that_hides_less_than_the_limit_is_damaged(in_english):
    from lanu.importers import read_plan_bytes
    from lanu.importers.data import ImportRefused

    raw = lying(bomb("docx", MB), BOMB_PART["docx"], 4096)
    with pytest.raises(ImportRefused) as refused:
        read_plan_bytes(raw, "lying.docx")
    assert str(refused.value) == (
        "lying.docx: The file is damaged: it cannot be opened as a Word or Excel file."
    )


EMPTY_PARAGRAPH = b"<w:p/>"  # the most elements per byte: what costs python-docx most


def test_a_word_file_of_too_many_elements_is_refused(tmp_path):
    (tmp_path / "dense.docx").write_bytes(bomb("docx", 1_000_100 * 6, EMPTY_PARAGRAPH))
    found = read_in_child(tmp_path / "dense.docx", "dense.docx")
    assert found["refusal"] == (
        "dense.docx: Word-tiedosto on liian monimutkainen: siinä on yli 1 000 000 osaa "
        "(kappaleita, taulukon soluja, tekstin paloja)."
    )
    assert found["peak"] < PEAK_LIMIT


def test_the_largest_word_file_let_through_is_read_within_bounded_memory(tmp_path):
    (tmp_path / "dense.docx").write_bytes(bomb("docx", 950_000 * 6, EMPTY_PARAGRAPH))
    found = read_in_child(tmp_path / "dense.docx", "dense.docx")
    assert "Toimenpidetaulukkoa ei löytynyt" in found["refusal"]  # read to the end
    assert found["peak"] < PEAK_LIMIT
