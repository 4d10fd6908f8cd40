"""HTML from email: a sanitised copy to show, and plain text for the timeline."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

# Remote images are left out: they let a sender see when and where the mail was read.
_TAGS = set(nh3.ALLOWED_TAGS) - {"img"}

_BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "hr",
}
_SKIP = {"script", "style", "head", "title", "template", "noscript"}


def html_sanitise(html: str) -> str:
    """Only harmless markup survives: no scripts, event handlers, styles or remote images."""
    return nh3.clean(html, tags=_TAGS, link_rel="noopener noreferrer nofollow")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._quote = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "blockquote":
            self._quote += 1
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "blockquote":
            self._quote = max(0, self._quote - 1)
            self.parts.append("\n")
        elif tag in _BLOCK and tag != "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        text = re.sub(r"\s+", " ", data)
        if self._quote and text.strip():
            # Quoted text from HTML replies keeps its "> " marks so quote stripping finds it.
            text = "> " + text.strip()
        self.parts.append(text)


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser rarely raises; a hostile document then yields what it read
        pass
    lines = [line.strip() for line in "".join(parser.parts).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
