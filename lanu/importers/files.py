"""What kind of file an upload is, judged by its bytes (not only its name).

Office files are zip archives (.docx holds word/document.xml, .xlsx xl/workbook.xml).
A password-protected .docx or .xlsx is not a zip but an OLE2 compound file (it starts
with D0 CF 11 E0), as are the old .doc and .xls: neither can be read. Anything else
with an Office name (a PDF or an image renamed) is refused with what it really is.
"""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from .data import ImportRefused, Problem

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
MAGIC = (  # (start of file, what it is) of files often renamed by mistake
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"{\\rtf", "RTF"),
)
OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
OFFICE_NAMES = (".docx", ".xlsx", ".xlsm", ".doc", ".xls")


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
    """ "docx" or "xlsx" for an Office file, "" for anything to be read as text.

    Raises ImportRefused for files that are neither: encrypted or old Office files,
    broken zips, and PDFs or images (whatever their name)."""
    check_size(len(raw), source)
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
            unpacked = sum(info.file_size for info in archive.infolist())
            broken = archive.testzip() if unpacked <= 10 * max_bytes() else "too large"
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        broken = "?"
        names = set()
    if broken:
        message = _("The file is damaged: it cannot be opened as a Word or Excel file.")
        raise refuse(message, source)
    kind = next((kind for part, kind in OFFICE_PARTS.items() if part in names), "")
    if not kind:
        message = _("The file is not a Word (.docx) or Excel (.xlsx) file.")
        raise refuse(message, source)
    return kind
