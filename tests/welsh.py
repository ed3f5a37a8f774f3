"""Helpers for the tests of the service in Welsh.

``make install`` compiles the Welsh catalogue; ``compile_welsh_catalogue`` does it too when a test
module runs without make (``pytest tests/core/test_welsh.py``), before anything reads it.
``cy(msgid)`` is the catalogue's Welsh for an English message, so tests do not copy the wording.
"""

import os
import shutil
import subprocess

import pytest
from django.utils import translation

from scripts.messages import CATALOGUE


def gettext_tools_or_skip():
    if shutil.which("msgfmt"):
        return
    message = "GNU gettext (msgfmt) is not installed: apt-get install gettext"
    if os.environ.get("CI"):
        pytest.fail(message)  # on CI the Welsh pages must be checked, not quietly skipped
    pytest.skip(message)


def compile_welsh_catalogue():
    compiled = CATALOGUE.with_suffix(".mo")
    if compiled.exists() and compiled.stat().st_mtime >= CATALOGUE.stat().st_mtime:
        return
    gettext_tools_or_skip()
    subprocess.run(["msgfmt", "--check-format", f"--output-file={compiled}", str(CATALOGUE)], check=True)


def cy(message: str) -> str:
    """The Welsh the catalogue has for ``message``; fails if it has none (the test would prove nothing)."""
    with translation.override("cy"):
        welsh = translation.gettext(message)
    assert welsh != message, f"the Welsh catalogue has no translation of {message!r}"
    return welsh
