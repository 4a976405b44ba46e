from django.conf import settings
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class ConditionalApiMiddleware(ConditionalGetMiddleware):
    """For /api/ only: an ETag on every response (a hash of its body) and 304 Not Modified
    for a client that sends it back in If-None-Match; public caching for five minutes."""

    def process_response(self, request, response):
        if not request.path.startswith("/api/"):
            return response
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=300)
            patch_vary_headers(response, ["Accept"])
        return super().process_response(request, response)


class ApiLanguageMiddleware:
    """For /api/ only: the language of the answer (error messages, the names of choices) is
    the one the request asks for in Accept-Language, Swedish when it asks for none we have.
    The site's own pages take theirs from the address (/en/…) instead. Placed after
    LocaleMiddleware, which would otherwise keep the default language for these addresses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        accepted = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
        language = translation.get_supported_language_variant(
            translation.get_language_from_request(request) if accepted else settings.LANGUAGE_CODE
        )
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response
