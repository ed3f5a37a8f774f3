from django.conf import settings


def service(request):
    return {
        "service_name": settings.CARERSHUB_SERVICE_NAME,
        "region_name": settings.CARERSHUB_REGION_NAME,
    }
