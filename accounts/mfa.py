"""The staff's second factor (OWASP ASVS V2.7/V2.8): a password login by staff is not
enough for the admin. At the first admin page the person enrols an authenticator app
(TOTP, django-otp, the QR code drawn by segno) and gets ten recovery codes; after that,
each login asks for a code from the app or a recovery code (each works once).

MFA_REQUIRED turns it on (off in the tests, which test it on purpose). MFA_WAIVED_USERNAMES
lets the example accounts of `make run EXAMPLES=1` in without it, only while DEBUG is on;
`check --deploy` fails when a waiver is set (accounts.checks)."""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.http import urlencode
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import sso

#: How many recovery codes a person gets; each works once.
RECOVERY_CODES = 10
#: Addresses a staff member without the second factor may still reach.
OPEN_PREFIXES = ("/accounts/", "/en/accounts/", "/static/", "/media/")


def waived(user: Any) -> bool:
    return bool(settings.DEBUG and user.get_username() in settings.MFA_WAIVED_USERNAMES)


def needs_second_factor(request: HttpRequest) -> bool:
    """Whether the person logged in must show a second factor before the admin: staff,
    unless they have shown one in this session, here or to the identity provider."""
    user: Any = request.user
    return bool(
        settings.MFA_REQUIRED
        and user.is_authenticated
        and user.is_staff
        and not user.is_verified()
        and not sso.second_factor_at_provider(request)
        and not waived(user)
    )


def enrolled(user: Any) -> bool:
    return user_has_device(user, confirmed=True)


def unconfirmed_device(user: Any) -> TOTPDevice:
    """The app being enrolled: one unconfirmed TOTP device, made once and kept until it
    is confirmed, so that reloading the page keeps the QR code the app has read."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


def qr_svg(device: TOTPDevice) -> tuple[str, int]:
    """The device's otpauth:// address as an SVG image (a data: URL, for an <img>), and
    its width in pixels."""
    code = segno.make(device.config_url, error="m")
    width, _height = code.symbol_size(scale=4, border=4)
    return code.svg_data_uri(scale=4, border=4), int(width)


def secret(device: TOTPDevice) -> str:
    """The key as the apps take it typed in: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


@transaction.atomic
def confirm(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with a code from it; returns the new recovery codes (None when the
    code is wrong). Earlier apps and recovery codes of the person are replaced."""
    if not device.verify_token(token.replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    codes = StaticDevice.objects.create(user=device.user, name="recovery", confirmed=True)
    tokens = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=codes, token=token) for token in tokens])
    return tokens


def verify(user: Any, token: str) -> Any:
    """The person's confirmed device that accepts ``token`` (an app code or a recovery
    code, which is then used up), else None. Each device throttles wrong codes."""
    token = token.replace(" ", "").strip()
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                return device
    return None


def wait_seconds(devices: Any) -> int:
    """How long ``devices`` refuse every code, the right one too, after wrong codes in a
    row (django-otp's throttling: 1, 2, 4 … seconds); 0 when they take a code now."""
    now = timezone.now()
    waits = [
        (data["locked_until"] - now).total_seconds()
        for allowed, data in (device.verify_is_allowed() for device in devices)
        if not allowed and data and data.get("locked_until")
    ]
    return math.ceil(max(waits, default=0))


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a staff member who has not shown the second
    factor in this session is sent to it from any admin page, and back afterwards."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and request.path.startswith("/admin/") and needs_second_factor(request):
            step = "second-factor" if enrolled(user) else "second-factor-setup"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{resolve_url(step)}?{query}")
        return self.get_response(request)
