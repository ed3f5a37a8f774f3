import pytest

from tests.core.govuk_components import jinja_env


@pytest.fixture(scope="module")
def env():
    """The product's Jinja environment, as its pages render with it."""
    return jinja_env()
