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


class FormReader(HTMLParser):
    """Collects each <form>'s action and the texts of its buttons."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, list[str]]] = []
        self.in_button = False

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.forms.append((dict(attrs).get("action") or "", []))
        elif tag == "button" and self.forms:
            self.in_button = True
            self.forms[-1][1].append("")

    def handle_data(self, data):
        if self.in_button:
            self.forms[-1][1][-1] += data

    def handle_endtag(self, tag):
        if tag == "button":
            self.in_button = False


def press(client, response, button: str, data: dict | None = None, **kwargs):
    """Post the form whose button has this text (it must be on the page), with its hidden data.

    Only the hidden inputs the tests' pages use (confirm) are posted, besides `data`.
    """
    reader = FormReader()
    page = response.content.decode()
    reader.feed(page)
    actions = [action for action, buttons in reader.forms if button in map(str.strip, buttons)]
    assert actions, f"no button “{button}” on the page"
    posted = {"confirm": "yes"} if 'name="confirm" value="yes"' in page else {}
    return client.post(
        actions[0] or response.request["PATH_INFO"], {**posted, **(data or {})}, **kwargs
    )
