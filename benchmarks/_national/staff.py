"""The benchmark's own staff: real users with roles, organisations, caseloads and authenticators.

The mix signed in for ``--users`` U (20 by default) is mostly front-door workers (at carers
centres, which work region-wide) and council practitioners (who open their own area's
residents), two team managers and two commissioners. Every page is then loaded by U users
with their own sessions: home by the mix itself; the person page and searches by the mix's
service workers plus as many more practitioners as make U; the figures, a commissioner's
page, by the mix's two commissioners plus more commissioners to make U.

Users are made once per database (with a caseload and a few draft assessments for the
council's workers, so their home page has work to count) and kept; each run gives them a new
password and a new authenticator, encrypted with that run's keys.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass


@dataclass
class BenchUser:
    username: str
    kind: str  # front_door, practitioner, manager, commissioner
    pk: int = 0
    organisation_id: int = 0
    area_id: int | None = None


def plan(users: int) -> dict[str, list[BenchUser]]:
    """Who signs in for U users: the home page's mix, and each page's pool of U users."""
    managers = 2 if users >= 8 else 1 if users >= 4 else 0
    commissioners = 2 if users >= 8 else 1 if users >= 4 else 0
    front_door = round((users - managers - commissioners) * 0.4)
    practitioners = users - managers - commissioners - front_door  # the mix's
    made = {
        "front_door": [BenchUser(f"bench-frontdoor-{n + 1:02d}", "front_door") for n in range(front_door)],
        "practitioner": [BenchUser(f"bench-practitioner-{n + 1:02d}", "practitioner")
                         for n in range(practitioners + commissioners)],
        "manager": [BenchUser(f"bench-manager-{n + 1:02d}", "manager") for n in range(managers)],
        "commissioner": [BenchUser(f"bench-commissioner-{n + 1:02d}", "commissioner")
                         for n in range(max(users, commissioners))],
    }
    mix = (made["front_door"] + made["practitioner"][:practitioners] + made["manager"]
           + made["commissioner"][:commissioners])
    service = made["front_door"] + made["practitioner"] + made["manager"]
    return {
        "everyone": [u for kind in made.values() for u in kind],
        "home": mix,
        "service": service[:users] if len(service) >= users else service,
        "figures": made["commissioner"][:users],
    }


def totp_secret(username: str) -> str:
    """A fixed authenticator key per benchmark user (stored encrypted, like everyone's)."""
    digest = hashlib.sha256(f"carershub-national-bench-totp-{username}".encode()).digest()
    return base64.b32encode(digest).decode()[:32]


def prepare(everyone: list[BenchUser]) -> str:
    """Make missing users, then give every benchmark user this run's password and authenticator.

    Returns the password (the same for all of them, hashed once).
    """
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from carershub.accounts.models import Role, StaffRole, User
    from carershub.partnership.models import Organisation

    councils = list(Organisation.objects.filter(kind=Organisation.Kind.COUNCIL).order_by("pk"))
    centres = list(Organisation.objects.filter(kind=Organisation.Kind.CARERS_CENTRE).order_by("pk"))
    health = list(Organisation.objects.filter(kind=Organisation.Kind.HEALTH_BOARD).order_by("pk"))
    roles = {
        "front_door": [Role.FRONT_DOOR],
        "practitioner": [Role.PRACTITIONER],
        "manager": [Role.TEAM_MANAGER, Role.PRACTITIONER],
        "commissioner": [Role.COMMISSIONER],
    }
    existing = {u.username: u for u in User.objects.filter(username__in=[b.username for b in everyone])}
    password = secrets.token_urlsafe(18)
    hashed = make_password(password)
    counters: dict[str, int] = {}
    for bench in everyone:
        n = counters[bench.kind] = counters.get(bench.kind, -1) + 1
        org = {"front_door": centres, "commissioner": health}.get(bench.kind, councils)
        org = org[(n * 7) % len(org)] if bench.kind != "manager" else councils[n % len(councils)]
        user = existing.get(bench.username)
        if user is None:
            with transaction.atomic():
                user = User.objects.create(
                    username=bench.username, first_name="Bench", last_name=bench.kind.replace("_", " ").title(),
                    email=f"{bench.username}@bench.carershub.invalid", organisation=org,
                    job_title=bench.kind.replace("_", " ").capitalize(), password=hashed,
                )
                StaffRole.objects.bulk_create(StaffRole(user=user, role=role) for role in roles[bench.kind])
                if bench.kind in ("practitioner", "manager"):
                    _give_work(connection, user, org, n)
        bench.pk, bench.organisation_id, bench.area_id = user.pk, user.organisation_id, org.area_id
    with transaction.atomic():
        users = User.objects.filter(pk__in=[b.pk for b in everyone])
        users.update(password=hashed, is_active=True)
        # Sessions of earlier runs were signed with another secret key: nobody can use them again.
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM django_session WHERE session_key IN "
                "(SELECT session_key FROM usersessions_usersession WHERE user_id = ANY(%s))",
                [[b.pk for b in everyone]],
            )
            cursor.execute("DELETE FROM usersessions_usersession WHERE user_id = ANY(%s)", [[b.pk for b in everyone]])
        Authenticator.objects.filter(user__in=users, type=Authenticator.Type.TOTP).delete()
        for user in users:
            TOTP.activate(user, totp_secret(user.username))
    return password


def _give_work(connection, user, council, n: int) -> None:
    """A council worker's caseload (about 150 carers of their area) and a few draft assessments."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE people_carerprofile SET case_worker_id = %s
            WHERE person_id IN (
                SELECT c.person_id FROM people_carerprofile c JOIN people_person p ON p.id = c.person_id
                WHERE p.area_id = %s AND c.person_id %% 89 = %s ORDER BY c.person_id DESC LIMIT 150)
            """,
            [user.pk, council.area_id, n % 89],
        )
        cursor.execute(
            """
            UPDATE assessments_assessment SET assessor_id = %s
            WHERE id IN (
                SELECT id FROM assessments_assessment
                WHERE assessing_organisation_id = %s AND status = 'draft' AND id %% 23 = %s
                ORDER BY id DESC LIMIT 8)
            """,
            [user.pk, council.pk, n % 23],
        )


def stored_secret(username: str) -> str:
    """The user's authenticator key as the database holds it, decrypted as ``manage.py demo_code`` does."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user__username=username, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def code_now(secret: str) -> str:
    """The code an authenticator app shows now for this key (allauth's own TOTP arithmetic)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
