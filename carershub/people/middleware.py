"""Any app's view that reaches a person outside the user's relationships lands on the reason page."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from carershub.people.services import ReasonNeeded


class ReasonNeededMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ReasonNeeded):
            return None
        target = reverse("people:give_reason", args=[exception.person.pk])
        # Back to the page they asked for, once they have said why (GET only: a form is not replayed).
        back = request.get_full_path() if request.method == "GET" else ""
        return redirect(f"{target}?{urlencode({'next': back})}" if back else target)
