from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ambassadors.permissions import AmbassadorRequest, ambassador_required

from . import services
from .forms import PreferenceForm

if TYPE_CHECKING:
    from django.contrib.auth.models import User as AccountUser


@ambassador_required
def preferences(request: AmbassadorRequest) -> HttpResponse:
    """A person's own choice of the e-mails they get, and their language."""
    # ambassador_required: a logged-in account.
    user = cast("AccountUser", request.user)
    preference = services.preference_for(user)
    kinds = services.kinds_for(user)
    form = PreferenceForm(request.POST or None, kinds=kinds, preference=preference)
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["wanted"])
        with transaction.atomic():
            preference.muted = sorted(kind.value for kind in kinds if kind.value not in wanted)
            preference.language = form.cleaned_data["language"]
            preference.save()
        messages.success(request, _("Your choice of e-mails is saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
