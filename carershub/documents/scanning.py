"""The virus-scan hook: run a configured scanner on a file and read its answer from the exit code.

Pure Python (no Django): the command comes from ``CARERSHUB_VIRUS_SCAN_COMMAND`` through the
caller. It is split like a shell would (``shlex``) but run without a shell, so nothing in a file
name or path can become a command; ``{path}`` in it is replaced by the file's path (which is
appended when the command has no ``{path}``). ClamAV's own exit codes are the contract, and any
scanner that keeps them fits:

- ``clamdscan --no-summary --fdpass {path}`` (the daemon, fast; ``--fdpass`` hands it the open
  file, so the daemon needs no permission to read our temporary files) or
  ``clamscan --no-summary {path}`` (no daemon, slow: it loads the signatures each time);
- exit 0: no virus found; exit 1: a virus found; anything else (2 is ClamAV's "error"), a
  scanner that cannot be started, or one that takes longer than the timeout: the scan failed.

An empty command means no scanner is configured: documents are kept and shown "Not scanned".
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass
from typing import Final

NOT_SCANNED: Final = "not_scanned"
CLEAN: Final = "clean"
INFECTED: Final = "infected"
FAILED: Final = "failed"

PATH_MARKER: Final = "{path}"


@dataclass(frozen=True)
class ScanResult:
    status: str
    # For the service's log only, never shown to a user: the exit code or what went wrong.
    detail: str = ""


def command_words(command: str, path: str) -> list[str]:
    """The argument list to run: ``command`` split, with ``{path}`` replaced (or ``path`` appended)."""
    words = shlex.split(command)
    if not any(PATH_MARKER in word for word in words):
        return [*words, path]
    return [word.replace(PATH_MARKER, path) for word in words]


def scan(path: str, command: str, *, timeout: float) -> ScanResult:
    """Scan the file at ``path`` with ``command``; never raises."""
    if not (command or "").strip():
        return ScanResult(NOT_SCANNED)
    try:
        words = command_words(command, path)
    except ValueError as error:  # unbalanced quotes in the setting
        return ScanResult(FAILED, f"the scan command cannot be read: {error}")
    try:
        completed = subprocess.run(
            words, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False, shell=False
        )
    except subprocess.TimeoutExpired:
        return ScanResult(FAILED, f"the scanner took longer than {timeout} seconds")
    except OSError as error:  # not installed, not executable
        return ScanResult(FAILED, f"the scanner could not be started: {error.strerror or error}")
    if completed.returncode == 0:
        return ScanResult(CLEAN)
    if completed.returncode == 1:
        return ScanResult(INFECTED, "exit code 1")
    return ScanResult(FAILED, f"exit code {completed.returncode}")
