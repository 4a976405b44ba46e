from django.middleware.http import ConditionalGetMiddleware
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
