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


class HealthCheckMiddleware:
    """``GET /healthz`` is answered before the host and HTTPS checks (it sits before SecurityMiddleware).

    A load balancer or an orchestrator asks a container by its address, over plain HTTP, and
    would otherwise be told 400 (a host not in ALLOWED_HOSTS) or 301 (go to HTTPS) and take a
    healthy service out of use. The answer names no host and says nothing but the database's state.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz" and request.method == "GET":
            from carershub.core.views import healthz

            return healthz(request)
        return self.get_response(request)
