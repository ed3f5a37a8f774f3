from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView


class ApiHealthView(APIView):
    """Lets a connected system check its token works."""

    @extend_schema(
        responses=inline_serializer("ApiHealth", {"status": serializers.CharField(), "user": serializers.CharField()})
    )
    def get(self, request):
        return Response({"status": "ok", "user": request.user.get_username()})
