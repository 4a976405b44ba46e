"""The one login door, where each person lands after it, and the password pages."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from ambassadors.permissions import departments_of
from core import review
from core.throttle import throttled

from . import services, sessions
from .tokens import invitation_tokens


def work_url(user: Any) -> str | None:
    """Where ``user``'s work is: the admin's dashboard for staff, the ambassador pages for
    an ambassador (or a reviewer without staff status); None for anyone else."""
    if user.is_staff:
        return resolve_url("admin:index")
    if departments_of(user) or review.is_reviewer(user):
        return resolve_url("ambassador:overview")
    return None


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """After logging in without a ``next``: each person to where their work is."""
    url = work_url(request.user)
    if url is None:  # logged in, with nothing to do yet: say so and who can help
        return render(request, "accounts/no_role.html")
    return redirect(url)


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin's own login page sends everyone to the one door, keeping ``next``."""
    target = request.GET.get("next") or resolve_url("admin:index")
    return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': target})}")


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"


@method_decorator(
    throttled(
        "password-reset",
        limit=lambda: settings.PASSWORD_RESET_THROTTLE_PER_HOUR,
        period=3600,
        methods=("POST",),
    ),
    name="dispatch",
)
class PasswordResetView(auth_views.PasswordResetView):
    """The same answer whether the address has an account or not (Django's), and at most
    PASSWORD_RESET_THROTTLE_PER_HOUR requests an hour from one address."""


class InvitationView(auth_views.PasswordResetConfirmView):
    """The invitation's link: the new ambassador chooses a password (once, before the link
    expires), is logged in and meets the welcome page. A used or expired link says so."""

    token_generator = invitation_tokens
    template_name = "accounts/invitation.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("account-welcome")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.invitation_accepted(form.user)
        return response


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    """What an ambassador does and where to start."""
    return render(request, "accounts/welcome.html", {"departments": departments_of(request.user)})


@login_required
def account_page(request: HttpRequest) -> HttpResponse:
    """The person's own page: who they are, their password, logging out everywhere."""
    if request.method == "POST":
        sessions.log_out_everywhere(request.user)
        logout(request)
        return redirect("login")
    return render(request, "accounts/account.html", {"work_url": work_url(request.user)})
