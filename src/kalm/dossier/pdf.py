"""The PDF page shared by receipts and dossier exports: Unicode fonts, header, footer, helpers."""

from __future__ import annotations

import logging
import unicodedata
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from kalm.core.selectors import organisation

# fontTools logs every subsetting step at INFO; that is noise in the server log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuSans"
DASH = "\u2013"
PLACEHOLDER = "\u25a1"  # □ stands in for a character the font has no glyph for (most emoji)
INK = (33, 37, 41)
MUTED = (108, 117, 125)
RULE = (206, 212, 218)


@lru_cache(maxsize=1)
def _covered_codepoints() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(FONT_DIR / "DejaVuSans.ttf", lazy=True) as font:
        return frozenset(font.getBestCmap())


def printable(text: object) -> str:
    """Text the embedded font can draw: control characters dropped, tabs as spaces, and any
    character without a glyph (emoji, rare scripts) shown as a visible placeholder."""
    covered = _covered_codepoints()
    out = []
    for ch in unicodedata.normalize("NFC", str(text or "")):
        if ch in "\n":
            out.append(ch)
        elif ch == "\t":
            out.append("    ")
        elif ch == "\r" or unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"}:
            continue
        elif ord(ch) in covered:
            out.append(ch)
        elif unicodedata.category(ch) in {"Mn", "Me", "Sk"} or ch in "\ufe0f\ufe0e":
            continue  # variation selectors and skin tones belong to the emoji already replaced
        else:
            out.append(PLACEHOLDER)
    return "".join(out)


def when(value: datetime | None) -> str:
    """A timestamp as a lawyer needs it: local date and time with the zone's offset and name."""
    if value is None:
        return DASH
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({local:%Z}, UTC{local:%z})"


def human_size(size: int) -> str:
    from django.template.defaultfilters import filesizeformat

    return f"{filesizeformat(size)} ({size:,} bytes)".replace(",", ".")


class KalmPDF(FPDF):
    """A4 portrait with DejaVu Sans, a running header and numbered pages ("page 2 of 7")."""

    def __init__(self, *, title: str, reference: str, created: datetime) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font(FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.running_title = printable(title)
        self.reference = printable(reference)
        self.organisation = printable(organisation().name)
        self.set_title(self.running_title)
        self.set_author(self.organisation)
        self.set_creator("Kalm")
        self.set_producer("Kalm")
        self.set_subject(self.reference)
        # A fixed creation date keeps the bytes identical for identical data.
        self.set_creation_date(created)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 20, 18)
        self.alias_nb_pages()
        self.page_label = _("Page %(page)s of %(pages)s")

    # fpdf2 calls these on every page
    def header(self) -> None:
        self.set_font(FAMILY, "B", 9)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.organisation, new_x=XPos.LMARGIN, new_y=YPos.TOP)
        self.set_font(FAMILY, "", 9)
        self.cell(0, 5, f"{self.running_title} · {self.reference}", align="R", new_x=XPos.LMARGIN)
        self.ln(6)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(5)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        label = self.page_label % {"page": self.page_no(), "pages": self.str_alias_nb_pages}
        self.cell(0, 5, label, align="C")
        self.set_text_color(*INK)

    # small helpers so the documents read like prose
    def title_block(self, text: str, subtitle: str = "") -> None:
        self.set_font(FAMILY, "B", 17)
        self.multi_cell(0, 8, printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.set_font(FAMILY, "", 10)
            self.set_text_color(*MUTED)
            self.multi_cell(
                0, 5, printable(subtitle), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.set_text_color(*INK)
        self.ln(4)

    def heading(self, text: str, size: int = 12) -> None:
        if self.get_y() > self.h - 40:
            self.add_page()
        self.ln(2)
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, 6, printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def paragraph(self, text: str, size: float = 10, muted: bool = False) -> None:
        self.set_font(FAMILY, "", size)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(
            0, size * 0.5, printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_text_color(*INK)

    def field(
        self, label: str, value: object, *, label_width: float = 48, size: float = 10
    ) -> None:
        """One "label: value" row; the value wraps in its own column."""
        if self.get_y() > self.h - 28:
            self.add_page()
        line = size * 0.5
        self.set_font(FAMILY, "B", size)
        self.set_text_color(*MUTED)
        top = self.get_y()
        self.multi_cell(
            label_width - 2, line, printable(label), align="L", new_x=XPos.RIGHT, new_y=YPos.TOP
        )
        self.set_text_color(*INK)
        self.set_font(FAMILY, "", size)
        self.set_xy(self.l_margin + label_width, top)
        self.multi_cell(
            0, line, printable(value) or DASH, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.ln(0.8)

    def mono(self, text: str, size: float = 8) -> None:
        """Hashes and other exact values: small, and broken anywhere so they never overflow."""
        self.set_font(FAMILY, "", size)
        self.multi_cell(
            0,
            size * 0.5,
            printable(text),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            wrapmode="CHAR",
        )

    def rule(self) -> None:
        self.ln(2)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)

    def render(self) -> bytes:
        return bytes(self.output())
