"""The "not ready yet" error that every step of a piece of work can raise, and how pages say it."""

from django.utils.translation import gettext


class NotReady(Exception):
    """The record is missing something this step needs; ``problems`` holds codes the page explains."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = list(problems)


def describe_problems(codes, messages: dict) -> str:
    """The problems in words, from the app's own ``messages`` (code -> lazy text), in order."""
    return "; ".join(gettext(str(messages[code])) if code in messages else code for code in codes)
