"""Readable text from HTML mail, with the standard library's tolerant parser.

Blocks become lines, list items get dashes, links keep their address, tables
become lines of cells. Quoted history (``blockquote``, Gmail's ``gmail_quote``)
is prefixed with ``> `` and signature blocks with a ``-- `` line, so the same
plain-text stripping applies to HTML-only mail.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from types import MappingProxyType

SKIP = frozenset({"script", "style", "head", "title", "template", "noscript", "svg", "xml"})
VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base"})
BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "table",
        "tr",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "address",
        "center",
        "dl",
        "dt",
        "dd",
        "form",
        "fieldset",
        "main",
        "nav",
        "aside",
        "figure",
        "tbody",
        "thead",
        "tfoot",
    }
)
OPENING = MappingProxyType({"li": "\n- ", "td": " ", "th": " ", "hr": "\n----------\n"})
QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "protonmail_quote")
SIGNATURE_MARKERS = ("gmail_signature", "signature", "moz-signature")
MAX_INPUT = 2_000_000
_MAX_STACK = 400
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_SPACES = re.compile(r"[ \t\u00a0]+")


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool, bool]] = []  # tag, quote, skip
        self.href: list[str | None] = []

    @property
    def quoted(self) -> bool:
        return any(quote for _, quote, _ in self.stack)

    @property
    def skipping(self) -> bool:
        return any(skip for _, _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        marker = f"{attr.get('class', '')} {attr.get('id', '')}".lower()
        if tag == "br":
            self.parts.append("\n")
        elif tag == "img" and attr.get("alt") and not self.skipping:
            self.parts.append(f"[{attr['alt']}]")
        if tag in VOID:
            if tag == "hr":
                self.parts.append(OPENING["hr"])
            return
        if tag in BLOCK or tag == "blockquote":
            self.parts.append("\n")
        if any(sig in marker for sig in SIGNATURE_MARKERS):
            self.parts.append("\n-- \n")
        self.parts.append(OPENING.get(tag, ""))
        quote = tag == "blockquote" or any(cls in marker for cls in QUOTE_CLASSES)
        if len(self.stack) < _MAX_STACK:
            self.stack.append((tag, quote, tag in SKIP))
        if tag == "a":
            self.href.append(attr.get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href:
            href = self.href.pop()
            if href and href.startswith(("http://", "https://")) and not self.skipping:
                self.parts.append(f" ({href})")
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if tag in BLOCK or tag == "blockquote":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = _SPACES.sub(" ", data.replace("\r", " ").replace("\n", " "))
        if self.quoted:
            text = text.replace("\n", "\n> ")
            self.parts.append(f"\n> {text}" if text.strip() else "")
        else:
            self.parts.append(text)


def html_to_text(html: str) -> str:
    """Readable plain text for ``html``; never raises on any string."""
    converter = _Converter()
    try:
        converter.feed(html[:MAX_INPUT])
        converter.close()
    except (AssertionError, ValueError, RecursionError):
        pass
    text = "".join(converter.parts)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANKS.sub("\n\n", text).strip()
