"""The receipt handed to the consumer for a physical item we take in."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from kalm.core.selectors import organisation
from kalm.dossier.models import DossierEntry, EntryKind, PhysicalItem
from kalm.dossier.pdf import FAMILY, INK, MUTED, KalmPDF, when


def _registration_entry(item: PhysicalItem) -> DossierEntry | None:
    """The dossier entry that recorded this item, whose hash ties the receipt to the dossier."""
    return (
        DossierEntry.objects.filter(
            case_id=item.case_id, kind=EntryKind.ITEM_COLLECTED, payload__item_id=item.pk
        )
        .only("seq", "hash")
        .first()
    )


def receipt_pdf(item: PhysicalItem) -> bytes:
    """A one-page receipt in the case's language. The agent appears by alias only: this paper
    goes to the consumer. Identical data gives identical bytes."""
    case = item.case
    with translation.override(case.language or settings.LANGUAGE_CODE):
        title = _("Receipt")
        pdf = KalmPDF(title=title, reference=item.receipt_number, created=item.collected_at)
        pdf.add_page()
        pdf.title_block(
            title,
            _("Receipt for an item handed over to %(organisation)s")
            % {"organisation": organisation().name},
        )
        pdf.field(_("Receipt number"), item.receipt_number)
        pdf.field(_("Case reference"), case.reference)
        pdf.field(_("Handed over by"), case.consumer.name)
        pdf.rule()
        pdf.field(_("Item"), item.description)
        pdf.field(_("Condition"), item.condition or _("not described"))
        pdf.field(_("Collected at (place)"), item.collected_where)
        pdf.field(_("Collected on"), when(item.collected_at))
        pdf.field(_("Collected by"), item.collected_by.alias or _("Customer service"))
        entry = _registration_entry(item)
        if entry is not None:
            pdf.rule()
            pdf.paragraph(
                _(
                    "This receipt is recorded as entry #%(seq)s in the tamper-evident dossier of "
                    "case %(reference)s, with SHA-256 fingerprint:"
                )
                % {"seq": entry.seq, "reference": case.reference},
                size=8.5,
                muted=True,
            )
            pdf.mono(entry.hash)
        pdf.ln(4)
        pdf.paragraph(
            _(
                "Please keep this receipt. Quote the receipt number and case reference when you "
                "contact us about this item."
            ),
            size=9,
        )
        _signature_lines(pdf)
        return pdf.render()


def _signature_lines(pdf: KalmPDF) -> None:
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    pdf.ln(14)
    width = (pdf.w - pdf.l_margin - pdf.r_margin - 10) / 2
    top = pdf.get_y()
    for column, label in enumerate(
        [_("Consumer"), _("For %(organisation)s") % {"organisation": pdf.organisation}]
    ):
        x = pdf.l_margin + column * (width + 10)
        pdf.set_draw_color(*MUTED)
        pdf.line(x, top + 16, x + width, top + 16)
        pdf.set_xy(x, top + 17)
        pdf.set_font(FAMILY, "B", 9)
        pdf.cell(width, 5, label)
        pdf.set_xy(x, top + 22)
        pdf.set_font(FAMILY, "", 9)
        pdf.cell(width, 5, _("Name:"))
        pdf.set_xy(x, top + 28)
        pdf.cell(width, 5, _("Date:"))
        pdf.set_xy(x, top)
        pdf.set_font(FAMILY, "", 8)
        pdf.set_text_color(*MUTED)
        pdf.cell(width, 5, _("Signature"))
        pdf.set_text_color(*INK)
    pdf.set_xy(pdf.l_margin, top + 36)
