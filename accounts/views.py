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
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user
from django_otp import login as otp_login

from ambassadors.permissions import may_use_ambassador_pages
from core.throttle import throttled
from pages import identity

from . import mfa, services, sessions, sso
from .forms import EnrolmentForm, SecondFactorForm
from .tokens import invitation_tokens


def work_url(user: Any) -> str | None:
    """Where ``user``'s work is: the admin's dashboard for staff, the ambassador pages for
    an ambassador (or a reviewer without staff status); None for anyone else."""
    if user.is_staff:
        return resolve_url("admin:index")
    if may_use_ambassador_pages(user):
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


def sso_link(next_url: str = "") -> dict[str, str] | None:
    """The single sign-on button's words and address (keeping ``next``), when it is on."""
    if not sso.enabled():
        return None
    url = resolve_url("sso-start")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return {"name": sso.provider_name(), "url": url}


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso"] = sso_link(context.get("next") or "")
        return context


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
    PASSWORD_RESET_THROTTLE_PER_HOUR requests an hour from one address. The e-mail names
    the site as the team has named it (pages.SiteIdentity), not by its host."""

    def form_valid(self, form):
        self.extra_email_context = {"site_name": identity.current().site_name_i18n}
        return super().form_valid(form)


class InvitationView(auth_views.PasswordResetConfirmView):
    """The invitation's link: the new ambassador chooses a password (once, before the link
    expires), is logged in and meets the welcome page. A used or expired link says so."""

    token_generator = invitation_tokens
    template_name = "accounts/invitation.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("account-welcome")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso"] = sso_link(resolve_url("account-welcome"))
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        services.invitation_accepted(form.user)
        return response


def logged_out(request: HttpRequest) -> HttpResponse:
    """Where logging out lands: it says so, and offers the way back in. (The home page,
    stored for every visitor, cannot say it.)"""
    return render(request, "accounts/logged_out.html")


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    """What an ambassador does and where to start."""
    return render(request, "accounts/welcome.html")


@login_required
def account_page(request: HttpRequest) -> HttpResponse:
    """The person's own page: who they are, their password, logging out everywhere."""
    if request.method == "POST":
        sessions.log_out_everywhere(request.user)
        logout(request)
        return redirect("logged-out")
    return render(request, "accounts/account.html", {"work_url": work_url(request.user)})


def _next(request: HttpRequest) -> str:
    """Where to go after the second factor: ``next`` when it is the portal's own."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url("admin:index")


def _wrong_code_message(devices: Any, *, setup: bool = False) -> str:
    """Why a code was refused: after wrong codes in a row every code is refused for a
    moment (saying "not right" then would send the person away with the right one)."""
    wait = mfa.wait_seconds(devices)
    if wait:
        return ngettext(
            "After a wrong code, every code is refused for a moment: wait %(seconds)d "
            "second, then enter the code the app shows then.",
            "After a wrong code, every code is refused for a moment: wait %(seconds)d "
            "seconds, then enter the code the app shows then.",
            wait,
        ) % {"seconds": wait}
    if setup:
        return _("The code is not right: check the time on the phone and try again.")
    return _("The code is not right, or it has been used. Try the next one.")


def _to(step: str, request: HttpRequest) -> HttpResponse:
    return redirect(f"{resolve_url(step)}?{urlencode({'next': _next(request)})}")


@never_cache
@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """The code from the authenticator app, or a recovery code, before the admin."""
    if not mfa.enrolled(request.user):
        return redirect(
            f"{resolve_url('second-factor-setup')}?{urlencode({'next': _next(request)})}"
        )
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.verify(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _wrong_code_message(devices_for_user(request.user, confirmed=True)))
    return render(request, "accounts/second_factor.html", {"form": form, "next": _next(request)})


@never_cache  # the key and the recovery codes are never kept by a browser or a proxy
@login_required
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: its QR code and key, a code from it to confirm, and then
    the recovery codes, shown once. Enrolling again (a new phone) needs the factor first."""
    if mfa.enrolled(request.user) and not request.user.is_verified():  # type: ignore[union-attr]
        return _to("second-factor", request)
    device = mfa.unconfirmed_device(request.user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            shown = {"codes": codes, "next": _next(request)}
            return render(request, "accounts/recovery_codes.html", shown)
        form.add_error("code", _wrong_code_message([device], setup=True))
    qr, qr_width = mfa.qr_svg(device)
    context = {
        "form": form,
        "next": _next(request),
        "qr": qr,
        "qr_width": qr_width,
        "secret": mfa.secret(device),
    }
    return render(request, "accounts/second_factor_setup.html", context)
