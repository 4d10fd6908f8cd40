"""The agent's own profile: the alias and avatar consumers see."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kalm.accounts.actions import AliasError, agent_alias_set
from kalm.accounts.forms import AliasForm
from kalm.desk.access import desk_member_required


@require_http_methods(["GET", "POST"])
@desk_member_required
def profile(request: HttpRequest) -> HttpResponse:
    form = AliasForm(
        request.POST or None, request.FILES or None, initial={"alias": request.user.alias}
    )
    if request.method == "POST" and form.is_valid():
        try:
            agent_alias_set(
                agent=request.user,
                alias=form.cleaned_data["alias"],
                avatar=form.cleaned_data["avatar"],
                remove_avatar=form.cleaned_data["remove_avatar"],
            )
        except AliasError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your alias is saved."))
            return redirect("desk:profile")
    status = 400 if request.method == "POST" else 200
    return render(request, "desk/profile.html", {"form": form}, status=status)
