from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from rules.contrib.views import permission_required

from carershub.audit.models import AccessEvent, AccessPart
from carershub.audit.services import record_access
from carershub.people.models import Person


@login_required
@permission_required("audit.view_access_history", raise_exception=True)
def person_access_history(request, pk):
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    record_access(request, person, part=AccessPart.ACCESS_HISTORY)
    events = AccessEvent.objects.filter(person_ref=person.pk).select_related("actor", "actor_organisation")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/person_access_history.jinja", {"person": person, "page": page})
