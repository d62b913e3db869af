"""The tables of a page as a reader sees them: caption -> rows of cell texts."""

from html.parser import HTMLParser


class TableReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.rows: list[list[str]] = []
        self.text: list[str] | None = None
        self.caption: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.rows = []
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.text = []
        elif tag == "caption":
            self.caption = []
        elif tag == "svg":  # a chart: its title repeats the row
            self.skip = self.text
            self.text = None

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.text is not None:
            self.rows[-1].append(" ".join("".join(self.text).split()))
            self.text = None
        elif tag == "svg":
            self.text = self.skip
        elif tag == "caption":
            self.name = " ".join("".join(self.caption).split())
            self.caption = None
        elif tag == "table":
            self.tables[self.name] = self.rows

    def handle_data(self, data):
        for collected in (self.text, self.caption):
            if collected is not None:
                collected.append(data)


def tables(response) -> dict[str, list[list[str]]]:
    reader = TableReader()
    reader.feed(response.content.decode())
    return reader.tables
