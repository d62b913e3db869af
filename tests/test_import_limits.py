"""Zip bombs: Office files that unpack to far more than they weigh are refused early.

Each bomb is read in a child process, which reports its peak memory (resident set)
and the refusal. Times are measured by bench/import.py, not asserted.
"""

import io
import zipfile

import pytest

from tests.zip_bombs import BOMB_PART, MB, bomb, lying, office_file, read_in_child

PEAK_LIMIT = 500 * MB


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
    limit = {"docx": 50, "xlsx": 120}[kind]  # an Excel sheet is read row by row
    assert f"sen osa ”{BOMB_PART[kind]}” on yli {limit} Mt" in found["refusal"]
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
    assert "Asiakirjassa ei ole taulukoita" in found["refusal"]  # read to the end
    assert found["peak"] < PEAK_LIMIT


def test_an_excel_cell_of_a_hundred_megabytes_is_refused(tmp_path):
    (tmp_path / "cell.xlsx").write_bytes(bomb("xlsx", 100 * MB, b"Toimenpide ", cell=True))
    found = read_in_child(tmp_path / "cell.xlsx", "cell.xlsx")
    assert found["refusal"] == (
        "cell.xlsx: Tiedosto purkautuu liian suureksi: sen osassa "
        "”xl/worksheets/sheet1.xml” on yhtenäinen yli 1 Mt:n teksti."
    )
    assert found["peak"] < PEAK_LIMIT
