"""The report as PDF: WeasyPrint draws the web page (web.py) with its print styles.

The PDF is tagged (headings, tables and lists a screen reader can follow), its language
is the document's (`<html lang>`, which also gives the Finnish or Swedish hyphenation),
its text is selectable, its pages numbered, its table of contents has page numbers and
its charts stay vector graphics (the follow-up app's SVG). The system libraries
WeasyPrint needs (Pango) are installed by `make documents`.
"""

from weasyprint import HTML  # type: ignore[import-untyped]

from .content import Report
from .web import document_html


def pdf_bytes(report: Report) -> bytes:
    return HTML(string=document_html(report), media_type="print").write_pdf(pdf_tags=True)
