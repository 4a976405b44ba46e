"""The open-data API's throttle: requests per client address, counted in the shared cache;
past the rate, DRF answers 429 with Retry-After."""

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from core.throttle import client_address


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATE  # read each time, so that tests can change it

    def get_cache_key(self, request: Request, view: object) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
