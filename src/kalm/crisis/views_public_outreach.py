"""The crisis's public contact form at /crisis/<key>/contact/: for consumers affected by a
crisis that is open and published on its public page (else 404)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kalm.core.i18n import page_language
from kalm.crisis import outreach
from kalm.crisis.actions import CrisisActionError
from kalm.crisis.forms_outreach import ContactForm
from kalm.portal.views import _RECEIVED


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, key: str) -> HttpResponse:
    page = outreach.public_contact_page(key, page_language())
    crisis = page.crisis
    posted = request.method == "POST"
    form = ContactForm(request.POST if posted else None, crisis=crisis)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            received = outreach.crisis_contact_receive(
                crisis=crisis,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                product=data["product"],
                batch_number=data["batch_number"],
                message=data["message"],
                subject=data["subject"],
                keep_informed=data["keep_informed"],
                # The language of the statement the consumer read on the page.
                language=page.version.statement.language,
            )
        except CrisisActionError as exc:
            form.add_error(None, str(exc))
        else:
            # The status page greets them the way it greets a new complaint.
            request.session[_RECEIVED] = {"case": received.case.pk, "refused": []}
            return redirect("portal:status", token=received.token)
    context = {
        "page": page,
        "form": form,
        "contact_address": outreach.contact_address(crisis),
    }
    return render(request, "crisis/contact.html", context, status=400 if posted else 200)
