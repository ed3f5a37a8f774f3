import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.identification import services
from carershub.partnership.models import Organisation


@pytest.fixture
def worker(make_user):
    """A practitioner of the Afon council: sees the settings of the Afon area."""
    return make_user(Role.PRACTITIONER, organisation="council")


@pytest.fixture
def signed_in(client, worker):
    client.force_login(worker)
    client.user = worker
    return client


@pytest.fixture
def make_setting(region, worker):
    def _make(name, kind=Organisation.Kind.GP_PRACTICE, area="afon", ods_code=""):
        return services.create_setting(actor=worker, name=name, kind=kind, area=region["areas"][area], ods_code=ods_code)

    return _make


@pytest.fixture
def engage(worker):
    def _engage(setting, days_ago=10, kind="visit", **fields):
        return services.record_engagement(
            setting, actor=worker, date=timezone.localdate() - datetime.timedelta(days=days_ago), kind=kind, **fields
        )

    return _engage


@pytest.fixture
def identified_by(make_contact):
    """identified_by(setting, person=None, days_ago=5): a contact naming the setting that identified the carer."""

    def _contact(setting, person=None, days_ago=5):
        names = {} if person else {"given_name": "Caller", "family_name": "Unlinked"}
        return make_contact(
            person, source_organisation=setting, received_at=timezone.now() - datetime.timedelta(days=days_ago), **names
        )

    return _contact
