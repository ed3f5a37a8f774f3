"""Headers every response gets."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Nothing but a static file may be kept by a browser or a proxy.

    Pages, letters (PDF), figures (CSV) and the API's JSON hold personal data, and a shared
    computer's cache or back button would show them to the next person. The simplest safe rule
    is every response; /healthz too, since a load balancer must never be answered from a cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            add_never_cache_headers(response)
        return response
