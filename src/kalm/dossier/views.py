"""Desk views for physical items, receipts and dossier exports. Thin: form, access check, one
action or document, response."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kalm.cases.selectors import access_case
from kalm.dossier.actions import (
    CUSTODY_MOVES,
    ItemActionError,
    dossier_export_record,
    item_custody_move,
    item_register,
)
from kalm.dossier.export import dossier_pdf, dossier_zip_write
from kalm.dossier.forms import CustodyMoveForm, ExportForm, PhysicalItemForm
from kalm.dossier.receipts import receipt_pdf
from kalm.dossier.selectors import access_item


def desk_member(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous people go to the login page; logged-in people outside the desk get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_desk_member:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _case_url(case: Any, anchor: str = "items") -> str:
    try:
        return reverse("desk:case", args=[case.pk]) + f"#{anchor}"
    except NoReverseMatch:  # the desk is mounted without a case page (tests of this app alone)
        return reverse("dossier:item_new", kwargs={"case_pk": case.pk})


@desk_member
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = access_case(request.user, case_pk)
    form = PhysicalItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = item_register(case=case, agent=request.user, **form.cleaned_data)
        except ItemActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Item %(number)s registered. Print the receipt for the consumer.")
                % {"number": item.receipt_number},
            )
            return redirect(_case_url(case))
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "form": form, "back_url": _case_url(case)}
    return render(request, "dossier/item_form.html", context, status=status)


@desk_member
@require_POST
def item_custody(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = access_item(request.user, item_pk)
    # Every custody is offered, so an illegal move gets the action's precise refusal.
    form = CustodyMoveForm(request.POST)
    if form.is_valid():
        try:
            item_custody_move(item=item, agent=request.user, **form.cleaned_data)
        except ItemActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Item %(number)s: %(custody)s.")
                % {"number": item.receipt_number, "custody": item.get_custody_display()},
            )
            return redirect(_case_url(item.case))
    context = {
        "item": item,
        "case": item.case,
        "form": form,
        "final": not CUSTODY_MOVES[item.custody],
        "back_url": _case_url(item.case),
    }
    return render(request, "dossier/custody_form.html", context, status=400)


@desk_member
@require_GET
def receipt(request: HttpRequest, item_pk: int) -> HttpResponse:
    item = access_item(request.user, item_pk)
    response = HttpResponse(receipt_pdf(item), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{item.receipt_number}.pdf"'
    return response


@desk_member
@require_GET
def export_pdf(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = access_case(request.user, case_pk)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Unknown export audience."), status=400)
    audience = form.cleaned_data["audience"]
    data = dossier_pdf(case, audience=audience, exported_by=request.user)
    _record(case, request.user, "pdf", audience, hashlib.sha256(data).hexdigest(), len(data))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(case, audience)}.pdf"'
    return response


@desk_member
@require_GET
def export_zip(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = access_case(request.user, case_pk)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Unknown export audience."), status=400)
    audience = form.cleaned_data["audience"]
    # Written to a temporary file and streamed from there: evidence never sits in memory.
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    try:
        dossier_zip_write(case, spool, audience=audience, exported_by=request.user)
        size, digest = spool.tell(), _sha256_of(spool)
    except BaseException:
        spool.close()
        raise
    _record(case, request.user, "zip", audience, digest, size)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=f"{_filename(case, audience)}.zip",
        content_type="application/zip",
    )


def _filename(case: Any, audience: str) -> str:
    return f"dossier-{case.reference}" + ("-consumer" if audience == "consumer" else "")


def _sha256_of(fh: Any) -> str:
    fh.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: fh.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _record(case: Any, user: Any, fmt: str, audience: str, sha256: str, size: int) -> None:
    """The export is logged after it was made, with the hash of exactly what was handed out."""
    entries, head = case.dossier_length, case.dossier_head
    dossier_export_record(
        case=case,
        actor=user,
        fmt=fmt,
        audience=audience,
        sha256=sha256,
        size=size,
        entries=entries,
        head=head,
    )
