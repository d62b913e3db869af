"""The exporter contract: one small class per file format, and a registry of them.

An exporter has a `name` (what `--format` and the registry call it), a file
`extension`, a `content_type` and `render(subject)`, which yields the file as
chunks of bytes, so that a web response streams it (`streaming_response()`) and
a command writes it (`write_chunks()`) the same way. `text` says whether the
file may be printed on standard output. The plans' exporters are in
lanu/plans/exporters.py; a higher app (the council reports) adds its own formats
the same way, with their own registry.
"""

import codecs
import json
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils.translation import get_language, override

CHUNK_SIZE = 64 * 1024  # bytes a streamed response sends at once


class Exporter:
    name: ClassVar[str] = ""
    extension: ClassVar[str] = ""
    content_type: ClassVar[str] = ""
    text: ClassVar[bool] = True  # may be printed on standard output

    def render(self, subject: Any) -> Iterator[bytes]:
        raise NotImplementedError

    def filename(self, stem: str) -> str:
        return f"{stem}.{self.extension}"


class Registry:
    """Exporter classes by name; `get(name, **options)` makes one with its options."""

    def __init__(self, *exporters: type[Exporter]):
        self.exporters: dict[str, type[Exporter]] = {}
        for exporter in exporters:
            self.register(exporter)

    def register(self, exporter: type[Exporter]) -> type[Exporter]:
        self.exporters[exporter.name] = exporter
        return exporter

    def names(self) -> tuple[str, ...]:
        return tuple(self.exporters)

    def get(self, name: str, **options) -> Exporter:
        return self.exporters[name](**options)


def encoded(pieces: Iterable[str], size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Text pieces as UTF-8 chunks of about `size` bytes; the first leaves at once."""
    buffered: list[str] = []
    length = 0
    first = True
    for piece in pieces:
        buffered.append(piece)
        length += len(piece)
        if first or length >= size:
            yield "".join(buffered).encode("utf-8")
            buffered, length, first = [], 0, False
    if buffered:
        yield "".join(buffered).encode("utf-8")


def json_pieces(document: dict, indent: int | None = None) -> Iterator[str]:
    """The document as json.dumps writes it (not escaping non-ASCII), a line break
    ending indented text; a top-level value that is an iterator (not a list) is written
    item by item as it is read, so that thousands of items stream out."""
    separator, opening, closing = (",\n", "\n", "\n") if indent else (", ", "", "")
    step = " " * (indent or 0)
    if not document:
        yield "{}" + ("\n" if indent else "")
        return
    yield "{"
    for n, (key, value) in enumerate(document.items()):
        yield (separator if n else opening) + step + dumped(key) + ": "
        if isinstance(value, Iterator):
            yield from streamed_list(value, indent)
        else:
            yield dumped(value, indent).replace("\n", "\n" + step)
    yield closing + "}" + ("\n" if indent else "")


def streamed_list(items: Iterator, indent: int | None) -> Iterator[str]:
    """A list one level down, as json.dumps writes it, an item at a time."""
    step = " " * (indent or 0)
    before = "\n" + step * 2 if indent else ""  # a line of its own, two levels in
    empty = True
    for item in items:
        yield ("[" if empty else ",") + (before or ("" if empty else " "))
        yield dumped(item, indent).replace("\n", before or "\n")
        empty = False
    yield "[]" if empty else ("\n" + step if indent else "") + "]"


def dumped(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent, cls=DjangoJSONEncoder)


def streaming_response(
    exporter: Exporter, subject: Any, filename: str, inline: bool = False
) -> StreamingHttpResponse:
    """The file streamed as it is rendered, in the request's language: the server reads
    the chunks after the view has returned, perhaps in another thread."""
    chunks = in_language(get_language(), exporter.render(subject))
    response = StreamingHttpResponse(chunks, content_type=exporter.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def in_language(language: str | None, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Each chunk rendered in the language, which is never left active across a yield: a
    stream left unread (a download broken off) is finalised whenever the garbage collector
    gets to it, and must not then switch the language of whatever that thread serves."""
    chunks = iter(chunks)
    while True:
        with override(language):
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def write_chunks(chunks: Iterable[bytes], out, text: bool = False) -> None:
    """Write the chunks to a binary file, or with `text` to a text stream (standard
    output), decoding UTF-8 across the chunks' boundaries."""
    if not text:
        for chunk in chunks:
            out.write(chunk)
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    for chunk in chunks:
        out.write(decoder.decode(chunk))
    out.write(decoder.decode(b"", final=True))
