from django.conf import settings
from django.middleware.csp import get_nonce
from django.utils.csp import CONTEXT_KEY as CSP_CONTEXT_KEY


def service(request):
    return {
        "service_name": settings.CARERSHUB_SERVICE_NAME,
        "region_name": settings.CARERSHUB_REGION_NAME,
    }


def csp_nonce(request):
    """The nonce of this response's Content-Security-Policy, for the layout's inline script.

    Django's middleware makes it lazily and leaves it out of the header until something reads
    it; reading it here puts it in both the page and the header.
    """
    nonce = get_nonce(request)
    return {CSP_CONTEXT_KEY: str(nonce) if nonce is not None else None}
