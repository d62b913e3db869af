"""PDF files with a text layer as a `Document`: the published copy of a plan is often
only a PDF exported from Word.

A PDF holds words at positions, not paragraphs or tables; pdfplumber gives the words
(with their font and size) and finds ruled tables by their drawn lines (a Word
"Table Grid" table keeps its borders in the PDF). The rest is read from the layout
as a person reads it (pages in `pdf_layout.py`, text in `pdf_lines.py`, tables in
`pdf_tables.py`):

- words outside tables make lines, and lines paragraphs, in reading order: a line
  that starts with a list mark or a number like "1.2 " starts a paragraph, and so
  does one after a larger vertical gap or after a line that ended short (its first
  word would have fitted on the line before: the line before was not wrapped);
- headings are the paragraphs in a larger or bold font than the body text, their
  level by size (1 = the largest);
- a table's cells are read the same way; a place no cell starts at is covered by a
  merged cell: "up" if the cell covering it starts in the same column, else "left";
- a table that goes on at the top of the next page with the same columns is one
  table: a repeated header row is dropped, and a row split by the page break (its
  short cells done, a long one going on) is joined back into one row;
- lines repeated at the same place on most pages (running headers and footers) and
  page numbers are not paragraphs.

A PDF without a text layer (a scanned image), an encrypted or damaged one, and one of
over MAX_PAGES pages are refused; each page's content is bounded before it is read.
"""

import io
import zlib

import pdfplumber
from django.utils.translation import gettext as _
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, resolve1
from pdfplumber.utils.exceptions import PdfminerException

from ..data import ImportRefused, Problem
from ..files import CHUNK
from .document import Document
from .office_text import check_places
from .pdf_layout import Assembler, PageContent, page_content

MAX_PAGES = 500
# What a page's content may unpack to: a page of text is tens of KB, one of tables ~100 KB.
PAGE_CONTENT_BYTES = 8 * 1024 * 1024


def read(raw: bytes, source: str) -> Document:
    """The PDF as a Document; ImportRefused if it has no text or cannot be read."""
    pages = read_pages(raw, source)
    if not any(page.lines or page.tables for page in pages):
        raise refused(no_text_message(), source)
    document = Document(source, "pdf", Assembler(pages).blocks())
    if not document.blocks:
        raise refused(no_text_message(), source)
    return document


def read_pages(raw: bytes, source: str) -> list[PageContent]:
    """Each page's lines and tables, one page in memory at a time."""
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            check_page_count(pdf, source)
            pages, places = [], 0
            for number, page in enumerate(pdf.pages, 1):
                check_content(page, number, source)
                pages.append(page_content(page, number))
                page.close()  # pdfplumber keeps a page's parsed objects until closed
                places += sum(len(part.rows) * len(part.rows[0]) for part in pages[-1].tables)
                check_places(places, source)
            return pages
    except ImportRefused:
        raise
    except PdfminerException as error:
        raise refused(opening_message(error), source) from None
    except Exception:  # pdfminer raises many kinds of errors for broken files
        raise refused(damaged_message(), source) from None


def check_page_count(pdf, source: str) -> None:
    """Refuse a PDF of over MAX_PAGES pages before any page is read."""
    count = page_count(pdf)
    if count > MAX_PAGES:
        message = _(
            "The PDF has %(count)d pages: at most %(limit)d can be read. Upload only the "
            "part of the plan with its goals and actions."
        )
        raise refused(message % {"count": count, "limit": MAX_PAGES}, source)


def page_count(pdf) -> int:
    """The page count the PDF declares (what a viewer shows), or its pages counted."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        if isinstance(count, int):
            return count
    except (KeyError, TypeError):
        pass
    return len(pdf.pages)


def check_content(page, number: int, source: str) -> None:
    """Refuse a page whose content unpacks to more than PAGE_CONTENT_BYTES.

    pdfminer unpacks a content stream whole: a few compressed kilobytes could make
    gigabytes. Each compressed stream is first unpacked here through a bounded
    decompressor, so only a page known to be of reasonable size is parsed."""
    total = 0
    for stream in content_streams(page):
        total += unpacked_size(stream, PAGE_CONTENT_BYTES - total)
        if total > PAGE_CONTENT_BYTES:
            message = _(
                "Page %(page)d of the PDF is too large to read: its content is over %(limit)d MB."
            )
            values = {"page": number, "limit": PAGE_CONTENT_BYTES // 1024 // 1024}
            raise refused(message % values, source)


def content_streams(page) -> list:
    contents = resolve1(page.page_obj.attrs.get("Contents"))
    if contents is None:
        return []
    return [resolve1(item) for item in (contents if isinstance(contents, list) else [contents])]


def unpacked_size(stream, limit: int) -> int:
    """The stream's size unpacked, counted to just past `limit`; a broken stream as far
    as it unpacks (what pdfminer reads of it). Streams not compressed with Flate count
    as stored: pdfminer's other filters expand text streams little."""
    if stream.rawdata is None:  # already unpacked
        return len(stream.data or b"")
    data = stream.rawdata
    if stream.decipher:  # an encrypted PDF opened with its empty user password
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    filters = stream.get_filters()
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return len(data)
    unpacker, size = zlib.decompressobj(), 0
    for start in range(0, len(data), CHUNK):
        try:
            size += len(unpacker.decompress(data[start : start + CHUNK], limit + 1 - size))
        except zlib.error:
            break
        if size > limit:
            break
    return size


# Refusals -----------------------------------------------------------------------------


def refused(message: str, source: str) -> ImportRefused:
    return ImportRefused([Problem(message, file=source)])


def no_text_message() -> str:
    return _(
        "The PDF has no text layer (it is probably a scanned image): its text cannot be "
        "read. Upload the original document (Word, Excel or OpenDocument) instead, or "
        "make the PDF searchable with text recognition (OCR) and upload it again."
    )


def damaged_message() -> str:
    return _("The PDF file is damaged: it cannot be read.")


def opening_message(error: PdfminerException) -> str:
    cause = error.args[0] if error.args else None
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return _(
            "The PDF is password-protected: open it, save a copy without the password "
            "and upload that."
        )
    return damaged_message()
