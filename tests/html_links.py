"""The links of a page as a person sees them: their text and address, to follow them."""

from html.parser import HTMLParser


class LinkReader(HTMLParser):
    """Collects (text, href) of every <a href> on a page."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.href: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.href, self.text = dict(attrs)["href"], []

    def handle_data(self, data):
        if self.href is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self.href is not None:
            self.links.append((" ".join("".join(self.text).split()), self.href))
            self.href = None


def links(response) -> dict[str, str]:
    """The page's links, text -> address (the first link of each text)."""
    reader = LinkReader()
    reader.feed(response.content.decode())
    found: dict[str, str] = {}
    for text, href in reader.links:
        found.setdefault(text, href)
    return found


def follow(client, response, text: str):
    """Follow the link with this text on the page (it must be there), as a person would."""
    found = links(response)
    assert text in found, f"no link “{text}” on the page: {sorted(found)}"
    return client.get(found[text])
