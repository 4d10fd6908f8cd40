"""The post-crisis report as a PDF, on the dossier's page (kalm.dossier.pdf.KalmPDF: the same
fonts, running header and page numbers), from the figures in kalm.crisis.report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf.enums import TableBordersLayout
from fpdf.fonts import FontFace

from kalm.crisis.report import Chart, CrisisReport
from kalm.dossier.pdf import DASH, FAMILY, INK, MUTED, RULE, KalmPDF, printable, when

BAR = (45, 108, 223)
HEAD_FILL = (241, 243, 245)
DANGER = (180, 35, 24)


def at(value: datetime | None) -> str:
    """A short local time for table cells; the cover page gives the full time with the zone."""
    if value is None:
        return DASH
    return formats.date_format(timezone.localtime(value), "j M H:i")


def _text(value: object) -> str:
    """A cell's text: 0 is a figure and stays "0"; only a missing value becomes a dash."""
    text = printable("" if value is None else str(value))
    return text or DASH


def _table(
    pdf: KalmPDF,
    headings: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    size: float = 8,
) -> None:
    """A table with a shaded heading row; fpdf2 repeats the heading on every new page."""
    pdf.set_font(FAMILY, "", size)
    with pdf.table(
        col_widths=tuple(widths),
        width=pdf.epw,
        text_align="LEFT",
        line_height=size * 0.55,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
        padding=1,
    ) as table:
        heading = table.row()
        for text in headings:
            heading.cell(_text(text))
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(_text(value))
    pdf.ln(3)


def _chart(pdf: KalmPDF, title: str, chart: Chart, *, height: float = 52) -> None:
    """Draw the bars of ``chart`` scaled to the text width: the same geometry as the page's SVG.
    The title moves to the next page with its chart rather than stay behind alone."""
    if not chart.bars:
        return
    if pdf.get_y() + height + 14 > pdf.h - 22:
        pdf.add_page()
    pdf.heading(title, size=11)
    top, left = pdf.get_y(), pdf.l_margin
    sx, sy = pdf.epw / chart.width, height / chart.height
    pdf.set_draw_color(*RULE)
    pdf.set_font(FAMILY, "", 6.5)
    pdf.set_text_color(*MUTED)
    for tick in chart.ticks:
        y = top + tick.y * sy
        pdf.line(left + chart.left * sx, y, left + chart.plot_right * sx, y)
        pdf.set_xy(left, y - 2)
        pdf.cell(chart.left * sx - 1.5, 4, str(tick.value), align="R")
    pdf.set_fill_color(*BAR)
    for bar in chart.bars:
        x, w = left + bar.x * sx, bar.width * sx
        if bar.height:
            pdf.rect(x, top + bar.y * sy, w, bar.height * sy, style="F")
        if chart.show_values and bar.count:
            pdf.set_xy(x - 2, top + bar.y * sy - 3.5)
            pdf.cell(w + 4, 3.5, str(bar.count), align="C")
        if bar.show_label:
            pdf.set_xy(x - 6, top + chart.baseline * sy + 1)
            pdf.cell(w + 12, 3.5, printable(bar.label), align="C")
    pdf.set_text_color(*INK)
    pdf.set_y(top + height + 2)


def _header(pdf: KalmPDF, report: CrisisReport) -> None:
    crisis = report.crisis
    subtitle = _("Post-crisis report, made %(when)s") % {"when": when(report.generated_at)}
    if crisis.drill_id:
        subtitle += " · " + _("Drill: not a real crisis")
    pdf.title_block(crisis.title, subtitle)
    pdf.field(_("Scenario"), crisis.get_scenario_display())
    pdf.field(_("Severity"), crisis.get_severity_display())
    pdf.field(_("Status"), crisis.get_status_display())
    pdf.field(_("Owner"), crisis.owner.internal_name if crisis.owner else DASH)
    pdf.field(_("Opened"), when(crisis.opened_at))
    pdf.field(_("Closed"), when(crisis.closed_at) if crisis.closed_at else _("still open"))
    duration = report.duration_text
    pdf.field(_("Duration"), _("%(d)s so far") % {"d": duration} if report.ongoing else duration)
    for label, value in report.scope:
        pdf.field(label, value)


def _volumes(pdf: KalmPDF, report: CrisisReport) -> None:
    volumes = report.volumes
    pdf.heading(_("Volumes"), size=14)
    if not volumes.total:
        pdf.paragraph(_("No cases were confirmed as affected."), muted=True)
        return
    pdf.paragraph(_("%(count)d affected cases (confirmed).") % {"count": volumes.total})
    for title, chart, _buckets in volumes.charts:
        _chart(pdf, title, chart)
    pdf.heading(_("By channel"), size=11)
    _table(
        pdf,
        [_("Channel"), _("Cases"), "%"],
        [[s.label, s.count, f"{s.percent}%"] for s in volumes.by_channel],
        (60, 20, 20),
    )
    pdf.heading(_("By language"), size=11)
    _table(
        pdf,
        [_("Language"), _("Cases"), "%"],
        [[s.label, s.count, f"{s.percent}%"] for s in volumes.by_language],
        (60, 20, 20),
    )


def _response(pdf: KalmPDF, report: CrisisReport) -> None:
    r = report.response
    pdf.heading(_("Response times"), size=14)
    pdf.field(
        _("First response"),
        _("median %(median)s, 90%% within %(p90)s (%(count)d answered)")
        % {
            "median": r.first_response.median_text,
            "p90": r.first_response.p90_text,
            "count": r.first_response.count,
        },
        label_width=58,
    )
    pdf.field(_("Not answered yet"), str(r.awaiting_first_response), label_width=58)
    sla = (
        _("%(percent)d%% (%(met)d of %(total)d)")
        % {"percent": r.sla_percent, "met": r.sla_met, "total": r.sla_met + r.sla_missed}
        if r.sla_percent is not None
        else DASH
    )
    pdf.field(_("First response within the deadline"), sla, label_width=58)
    if r.sla_running:
        pdf.field(_("Deadline still running"), str(r.sla_running), label_width=58)
    pdf.field(
        _("Time to resolution"),
        _("median %(median)s, 90%% within %(p90)s (%(count)d resolved)")
        % {
            "median": r.resolution.median_text,
            "p90": r.resolution.p90_text,
            "count": r.resolution.count,
        },
        label_width=58,
    )
    pdf.field(_("Still open"), str(r.still_open), label_width=58)


def _statements(pdf: KalmPDF, report: CrisisReport) -> None:
    pdf.heading(_("Statements"), size=14)
    if not report.statements:
        pdf.paragraph(_("No statement was drafted."), muted=True)
        return
    rows = []
    for v in report.statements:
        published = DASH
        if v.published_at:
            published = f"{at(v.published_at)}\n{v.published_by}"
        reviewed = f"{at(v.reviewed_at)}\n{v.reviewed_by}" if v.reviewed_at else DASH
        mails = (
            _("%(sent)d sent, %(failed)d failed") % {"sent": v.mails_sent, "failed": v.mails_failed}
            if v.mails_sent or v.mails_failed or v.mails_pending
            else DASH
        )
        if v.mails_pending:
            mails += ", " + _("%(n)d pending") % {"n": v.mails_pending}
        rows.append(
            [
                f"{v.language_label} v{v.number}",
                v.state_label,
                f"{at(v.drafted_at)}\n{v.drafted_by}",
                reviewed,
                published,
                v.channels_text or DASH,
                mails,
            ]
        )
    _table(
        pdf,
        [
            _("Version"),
            _("State"),
            _("Drafted"),
            _("Reviewed"),
            _("Published"),
            _("Channels"),
            _("Email updates"),
        ],
        rows,
        (22, 20, 27, 27, 27, 29, 22),
        size=7,
    )


def _sentiment(pdf: KalmPDF, report: CrisisReport) -> None:
    s = report.sentiment
    pdf.heading(_("Sentiment over the crisis"), size=14)
    if not s.days:
        pdf.paragraph(_("No analysed messages from affected consumers."), muted=True)
        return
    pdf.paragraph(
        _("%(negative)d of %(messages)d messages from affected consumers were negative or angry.")
        % {"negative": s.negative, "messages": s.messages},
        size=9,
    )
    _table(
        pdf,
        [_("Day"), _("Messages"), _("Negative or angry"), *s.signal_labels],
        [
            [d.label, d.messages, f"{d.negative} ({d.negative_percent}%)", *d.signals]
            for d in s.days
        ],
        (22, 20, 30, *([20] * len(s.signal_labels))),
    )


def _satisfaction(pdf: KalmPDF, report: CrisisReport) -> None:
    s = report.satisfaction
    pdf.heading(_("Satisfaction afterwards"), size=14)
    accepted = (
        _("%(accepted)d accepted, %(rejected)d not satisfied (%(percent)d%% accepted)")
        % {"accepted": s.accepted, "rejected": s.rejected, "percent": s.accepted_percent}
        if s.accepted_percent is not None
        else _("no answers yet")
    )
    pdf.field(_("Proposed solutions"), accepted, label_width=58)
    pdf.field(_("Awaiting an answer"), str(s.awaiting), label_width=58)
    pdf.field(
        _("Affected consumers"),
        _("%(yes)d satisfied, %(no)d not satisfied, %(none)d without an answer")
        % {"yes": s.cases_satisfied, "no": s.cases_not_satisfied, "none": s.cases_without_answer},
        label_width=58,
    )
    pdf.field(
        _("Satisfaction survey"),
        _("no survey answers yet") if s.survey_answers is None else str(s.survey_answers),
        label_width=58,
    )


def _open_actions(pdf: KalmPDF, report: CrisisReport) -> None:
    actions = report.open_actions
    pdf.heading(_("Open actions"), size=14)
    if actions.nothing_open:
        pdf.paragraph(_("Nothing is open."), muted=True)
        return
    overdue = _("overdue")
    if actions.tasks:
        pdf.heading(_("Playbook tasks not done"), size=11)
        _table(
            pdf,
            [_("Task"), _("Owner"), _("Due")],
            [
                [
                    t.title,
                    ", ".join(p for p in (t.owner_role, t.owner) if p),
                    f"{at(t.due_at)} · {overdue}" if t.overdue else at(t.due_at),
                ]
                for t in actions.tasks
            ],
            (90, 50, 34),
        )
    if actions.cases_total:
        pdf.heading(_("Open affected cases (%(count)d)") % {"count": actions.cases_total}, size=11)
        _table(
            pdf,
            [_("Case"), _("Subject"), _("Status"), _("Opened")],
            [[c.reference, c.subject, c.status_label, at(c.created_at)] for c in actions.cases],
            (28, 82, 34, 30),
        )
        if actions.cases_total > len(actions.cases):
            pdf.paragraph(
                _("Only the oldest %(n)d are listed.") % {"n": len(actions.cases)},
                size=8,
                muted=True,
            )
    if actions.followups_total:
        pdf.heading(
            _("Open follow-ups on affected cases (%(count)d)") % {"count": actions.followups_total},
            size=11,
        )
        _table(
            pdf,
            [_("Case"), _("Follow-up"), _("Owner"), _("Due")],
            [
                [
                    f.case_reference,
                    f.title,
                    f.owner or _("the case's team"),
                    f"{at(f.due_at)} · {overdue}" if f.overdue else at(f.due_at),
                ]
                for f in actions.followups
            ],
            (28, 80, 34, 32),
        )


def _timeline(pdf: KalmPDF, report: CrisisReport) -> None:
    pdf.heading(_("Timeline"), size=14)
    _table(
        pdf,
        [_("Time"), _("Who"), _("What")],
        # The event's text already says what kind of event it is ("Crisis opened: …").
        [[at(e.at), e.actor or DASH, e.text] for e in report.timeline],
        (24, 40, 110),
    )


def report_pdf(report: CrisisReport) -> bytes:
    """The report as PDF bytes, in the active language (the desk member's)."""
    pdf = KalmPDF(
        title=_("Post-crisis report"),
        reference=report.crisis.title,
        created=report.generated_at,
    )
    pdf.add_page()
    _header(pdf, report)
    pdf.rule()
    _timeline(pdf, report)
    _volumes(pdf, report)
    _response(pdf, report)
    _statements(pdf, report)
    _sentiment(pdf, report)
    _satisfaction(pdf, report)
    _open_actions(pdf, report)
    return pdf.render()
