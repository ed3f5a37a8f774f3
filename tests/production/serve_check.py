"""Serve the main pages with production settings: DEBUG off, collected static files, manifest storage.

Run by tests/production/test_production_settings.py in a fresh process, because settings are
read from the environment once, at import. Exits non-zero and says which page failed.
Everything it makes (database, collected static files, secret) lives in a temporary folder.
"""

import os
import sys


def main() -> int:
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    assert not settings.DEBUG, "DEBUG must be off for this check"
    assert "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"], "manifest static storage expected"

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_data", carers=20, allow_outside_debug=True, verbosity=0, stdout=open(os.devnull, "w"))

    from carershub.accounts.models import User
    from carershub.assessments.models import Assessment
    from carershub.support.models import SupportPlan
    from carershub.people.models import Person

    failures = []

    def expect(client, path, status=200, content_type=None):
        response = client.get(path, secure=True)
        ok = response.status_code == status and (
            content_type is None or response["Content-Type"].startswith(content_type)
        )
        print(f"{response.status_code} {path}")
        if not ok:
            failures.append(f"{path}: {response.status_code} {response.get('Content-Type')}")
        return response

    anonymous = Client()
    sign_in = expect(anonymous, reverse("account_login"), content_type="text/html")
    expect(anonymous, reverse("self_assessment:start"), content_type="text/html")
    expect(anonymous, reverse("healthz"), content_type="application/json")
    expect(anonymous, reverse("api-schema"), content_type="application/vnd.oai.openapi")
    expect(anonymous, reverse("api-docs"), content_type="text/html")

    # The styles the pages link to are served by WhiteNoise under their hashed names.
    html = sign_in.content.decode()
    css = html.split('href="', 2)[-1].split('"')[0] if "application." in html else ""
    for line in html.split('"'):
        if line.startswith(settings.STATIC_URL) and "application." in line:
            css = line
    if not css or css.endswith("application.css"):
        failures.append(f"sign-in page does not link to hashed styles: {css!r}")
    else:
        expect(anonymous, css, content_type="text/css")

    practitioner = Client()
    practitioner.force_login(User.objects.get(username="practitioner"))
    manager = Client()
    manager.force_login(User.objects.get(username="manager"))
    commissioner = Client()
    commissioner.force_login(User.objects.get(username="commissioner"))

    england = Assessment.objects.filter(nation="england", decision__isnull=False).order_by("pk").first()
    person = england.carer
    plan = SupportPlan.objects.filter(carer__in=Person.objects.filter(area__nation="england")).order_by("pk").first()

    expect(practitioner, reverse("home"), content_type="text/html")
    expect(practitioner, reverse("people:search") + "?q=jones", content_type="text/html")
    expect(practitioner, reverse("people:detail", args=[person.pk]), content_type="text/html")
    expect(practitioner, reverse("contacts:list"), content_type="text/html")
    expect(practitioner, reverse("contacts:new"), content_type="text/html")
    expect(practitioner, reverse("assessments:queue"), content_type="text/html")
    expect(practitioner, reverse("assessments:detail", args=[england.pk]), content_type="text/html")
    expect(practitioner, reverse("assessments:letter", args=[england.pk]), content_type="text/html")
    expect(practitioner, reverse("assessments:letter_pdf", args=[england.pk]), content_type="application/pdf")
    if plan is not None:
        expect(practitioner, reverse("plans:detail", args=[plan.pk]), content_type="text/html")
        expect(practitioner, reverse("plans:copy_pdf", args=[plan.pk]), content_type="application/pdf")
    expect(practitioner, reverse("plans:reviews"), content_type="text/html")
    expect(manager, reverse("self_assessment:queue"), content_type="text/html")
    expect(commissioner, reverse("figures:index"), content_type="text/html")
    expect(commissioner, reverse("figures:csv"), content_type="text/csv")
    expect(practitioner, "/no-such-page/", status=404, content_type="text/html")

    if failures:
        print("\nFAILED with production settings:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("All pages served with production settings.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
