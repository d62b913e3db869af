"""The reports' exporters (lanu/lib/exporters.py): the subject is an Order (content.py),
gathered in the language the file is drawn in; each format is its own module."""

from collections.abc import Iterator

from lanu.lib.exporters import Exporter, Registry

from .content import Order, gather
from .excel import xlsx_bytes
from .pdf import pdf_bytes
from .web import document_html
from .word import docx_bytes


class ReportHtml(Exporter):
    name = "html"
    extension = "html"
    content_type = "text/html; charset=utf-8"

    def render(self, subject: Order) -> Iterator[bytes]:
        yield document_html(gather(subject)).encode("utf-8")


class ReportDocx(Exporter):
    name = "docx"
    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    text = False

    def __init__(self, template: str = ""):
        self.template = template

    def render(self, subject: Order) -> Iterator[bytes]:
        yield docx_bytes(gather(subject), self.template)


class ReportPdf(Exporter):
    name = "pdf"
    extension = "pdf"
    content_type = "application/pdf"
    text = False

    def render(self, subject: Order) -> Iterator[bytes]:
        yield pdf_bytes(gather(subject))


class ReportXlsx(Exporter):
    name = "xlsx"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    text = False

    def render(self, subject: Order) -> Iterator[bytes]:
        yield xlsx_bytes(gather(subject))


REPORT_EXPORTERS = Registry(ReportDocx, ReportPdf, ReportHtml, ReportXlsx)
