"""What kind of file an upload is, judged by its bytes (not only its name).

Office files are zip archives (.docx holds word/document.xml, .xlsx xl/workbook.xml,
.odt a `mimetype` part naming an OpenDocument text).
A password-protected .docx or .xlsx is not a zip but an OLE2 compound file (it starts
with D0 CF 11 E0), as are the old .doc and .xls: neither can be read. A PDF (it
starts with %PDF) is read whatever its name; anything else with an Office name (an
image renamed) is refused with what it really is.

A zip can hold far more than its size says (a 0.7 MB "zip bomb" unpacking to
200 MB), and its headers can lie about their parts' sizes. Before any Office
reader opens it, every part is unpacked once through a counting reader that stops
at the limit, and the number of parts, each part's size and their total are
capped (`check_parts`): what a reader then unpacks is known and bounded.
"""

import copy
import io
import zipfile
import zlib

from django.conf import settings
from django.utils.translation import gettext as _

from .data import ImportRefused, Problem

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
PDF = b"%PDF"
MAGIC = (  # (start of file, what it is) of files often renamed by mistake
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"{\\rtf", "RTF"),
)
OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
OFFICE_NAMES = (".docx", ".xlsx", ".xlsm", ".doc", ".xls", ".odt")
ODT = b"application/vnd.oasis.opendocument.text"  # an OpenDocument text's media type
MB = 1024 * 1024
PART_BYTES = 50 * MB  # the most one part of an Office file may unpack to
# ... except an Excel worksheet, which openpyxl reads row by row, not whole: 100,000
# actions exported by Lanu (each cell's text written inline) take 82 MB.
SHEET_BYTES = 120 * MB
TOTAL_BYTES = 150 * MB  # the most all its parts together may unpack to
MAX_PARTS = 1000  # Word and Excel files have tens of parts; a few hundred with images
WORD_ELEMENTS = 1_000_000  # a Word file's XML elements: each costs python-docx ~250 bytes
ODT_ELEMENTS = 600_000  # an OpenDocument text's: each costs ElementTree ~420 bytes
TEXT_BYTES = 1 * MB  # the longest text between two tags (Excel: 32,767 characters a cell)
CHUNK = 64 * 1024  # less than TEXT_BYTES: a text that long spans chunks
BROKEN = (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error)


def max_bytes() -> int:
    return getattr(settings, "MAX_UPLOAD_BYTES", 20 * 1024 * 1024)


def refuse(message: str, source: str) -> ImportRefused:
    return ImportRefused([Problem(message, file=source)])


def check_size(size: int, source: str) -> None:
    """Refuse a file over the limit before reading it."""
    if size > max_bytes():
        values = {"size": size / 1024 / 1024, "limit": max_bytes() // 1024 // 1024}
        message = _("The file is too large (%(size).1f MB): the limit is %(limit)d MB.")
        raise refuse(message % values, source)
    if size == 0:
        raise refuse(_("The file is empty."), source)


def file_type(raw: bytes, source: str) -> str:
    """ "docx", "xlsx" or "odt" for an Office file, "pdf" for a PDF, "" for anything to
    be read as text.

    Raises ImportRefused for files that are none of these: encrypted or old Office
    files, broken zips, and images (whatever their name)."""
    check_size(len(raw), source)
    if raw.startswith(PDF):
        return "pdf"
    if raw.startswith(OLE2):
        message = _(
            "The file is password-protected, or in an old Office format (.doc, .xls). "
            "Remove the password, or save it as .docx or .xlsx, and upload it again."
        )
        raise refuse(message, source)
    if raw.startswith(ZIP) or source.lower().endswith(OFFICE_NAMES):
        return office_type(raw, source)
    return ""


def office_type(raw: bytes, source: str) -> str:
    for start, kind in MAGIC:
        if raw.startswith(start):
            message = _("The file is a %(kind)s file, not a Word or Excel file.")
            raise refuse(message % {"kind": kind}, source)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            kind = next((kind for part, kind in OFFICE_PARTS.items() if part in names), "")
            kind = kind or opendocument_kind(archive, names)
            check_parts(archive, source, kind)
    except BROKEN:
        raise refuse(damaged_message(), source) from None
    if not kind:
        message = _("The file is not a Word (.docx) or Excel (.xlsx) file.")
        raise refuse(message, source)
    return kind


def opendocument_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    """ "odt" for an OpenDocument text: its `mimetype` part says so or, where a tool
    left that part out, its manifest does beside a content.xml. Only the first bytes
    of either are read: the parts are not yet checked (`check_parts`)."""
    if "mimetype" in names:
        with archive.open("mimetype") as part:
            return "odt" if part.read(len(ODT) + 2).strip() == ODT else ""
    if "content.xml" in names and "META-INF/manifest.xml" in names:
        with archive.open("META-INF/manifest.xml") as part:
            return "odt" if b'"%s"' % ODT in part.read(64 * 1024) else ""
    return ""


def damaged_message() -> str:
    return _("The file is damaged: it cannot be opened as a Word or Excel file.")


def check_parts(archive: zipfile.ZipFile, source: str, kind: str) -> None:
    """Refuse an archive with too many parts, or parts that unpack to too much.

    Each part is unpacked (and its checksum verified) through a counting reader that
    stops past the limit, whatever size the headers declare; a part whose headers
    declare another size than it has is damaged: a reader would be misled by them.
    A Word or OpenDocument text is read whole into a tree of XML elements, so their
    number is capped too (an Excel file's sheets are read row by row)."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        message = _("The file has too many parts (%(count)d): the limit is %(limit)d.")
        raise refuse(message % {"count": len(parts), "limit": MAX_PARTS}, source)
    total = elements = 0
    for part in parts:
        limit = part_limit(part.filename, kind)
        size, found, text = unpacked_size(archive, part, limit)
        if size > limit:
            raise refuse(part_too_large(part.filename, limit), source)
        if text > TEXT_BYTES:
            raise refuse(text_too_long(part.filename), source)
        if size != part.file_size:
            raise refuse(damaged_message(), source)
        total, elements = total + size, elements + found
        if total > TOTAL_BYTES:
            message = _("The file unpacks to more than %(limit)d MB: it cannot be read.")
            raise refuse(message % {"limit": TOTAL_BYTES // MB}, source)
        if kind == "docx" and elements > WORD_ELEMENTS:
            raise refuse(too_complex(), source)
        if kind == "odt" and elements > ODT_ELEMENTS:
            raise refuse(too_complex_odt(), source)


def part_limit(name: str, kind: str) -> int:
    streamed = kind == "xlsx" and name.startswith("xl/worksheets/") and name.endswith(".xml")
    return SHEET_BYTES if streamed else PART_BYTES


def part_too_large(name: str, limit: int) -> str:
    message = _("The file unpacks to too much: its part “%(part)s” is over %(limit)d MB.")
    return message % {"part": name, "limit": limit // MB}


def text_too_long(name: str) -> str:
    message = _(
        "The file unpacks to too much: its part “%(part)s” has a text of over %(limit)d MB "
        "in one piece."
    )
    return message % {"part": name, "limit": TEXT_BYTES // MB}


def too_complex() -> str:
    message = _(
        "The Word file is too complex: it has more than %(limit)s elements "
        "(paragraphs, table cells, pieces of text)."
    )
    return message % {"limit": f"{WORD_ELEMENTS:,}".replace(",", " ")}


def too_complex_odt() -> str:
    message = _(
        "The OpenDocument file is too complex: it has more than %(limit)s elements "
        "(paragraphs, table cells, pieces of text)."
    )
    return message % {"limit": f"{ODT_ELEMENTS:,}".replace(",", " ")}


def unpacked_size(archive, part: zipfile.ZipInfo, limit: int) -> tuple[int, int, int]:
    """The part's real unpacked size, counted up to just past `limit`, and if it is XML
    its number of elements (start tags) and its longest text between tags (at least
    as far as TEXT_BYTES: one text is held whole in memory by every XML reader).

    A part declared larger than the limit is not unpacked at all. Otherwise it is
    read as if declared larger than the count can reach: a header declaring less than
    the part holds cannot stop the count early (nor would the checksum, checked at
    the end of the declared size, match)."""
    if part.file_size > limit:
        return part.file_size, 0, 0
    probe = copy.copy(part)
    probe.file_size = limit + CHUNK + 1
    xml = part.filename.endswith((".xml", ".rels"))
    size = elements = text = longest = 0
    with archive.open(probe) as stream:
        while size <= limit and longest <= TEXT_BYTES and (chunk := stream.read(CHUNK)):
            size += len(chunk)
            if xml:
                elements += chunk.count(b"<") - chunk.count(b"</")
                text, longest = text_run(chunk, text, longest)
    return size, elements, longest


def text_run(chunk: bytes, text: int, longest: int) -> tuple[int, int]:
    """The text running on at the chunk's end, and the longest seen: a text shorter
    than a chunk lies within one and is short enough, so only ends are tracked."""
    first = chunk.find(b"<")
    if first < 0:
        return text + len(chunk), max(longest, text + len(chunk))
    return len(chunk) - chunk.rfind(b"<") - 1, max(longest, text + first)
