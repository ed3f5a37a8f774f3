"""The virus-scan hook (documents/scanning.py): the scanner's exit code decides, and nothing it does breaks an upload."""

import shlex
import sys

import pytest

from carershub.documents import scanning
from tests.conftest import imported_packages
from tests.documents import files


@pytest.fixture
def scanner(tmp_path):
    """scanner(exit_code=None) -> a scan command. Without an exit code it is a tiny fake ClamAV:
    exit 1 when the file holds the EICAR test string, 0 otherwise."""

    def make(exit_code=None):
        script = tmp_path / f"fake_scanner_{exit_code}.py"
        if exit_code is None:
            body = f"import sys\nsys.exit(1 if {files.EICAR!r}.encode() in open(sys.argv[-1], 'rb').read() else 0)\n"
        else:
            body = f"import sys\nsys.exit({exit_code})\n"
        script.write_text(body)
        return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} {{path}}"

    return make


def test_a_clean_file_is_clean(scanner, tmp_path):
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(files.pdf())

    assert scanning.scan(str(clean), scanner(), timeout=30).status == scanning.CLEAN


def test_a_file_holding_the_eicar_test_string_is_infected(scanner, tmp_path):
    infected = tmp_path / "infected.pdf"
    infected.write_bytes(files.pdf() + files.EICAR.encode())

    assert scanning.scan(str(infected), scanner(), timeout=30).status == scanning.INFECTED


@pytest.mark.parametrize("command", ["/nonexistent/clamdscan --fdpass {path}", "clamdscan 'unbalanced {path}"])
def test_a_scanner_that_cannot_run_is_a_failed_scan(command, tmp_path):
    assert scanning.scan(str(tmp_path), command, timeout=30).status == scanning.FAILED


def test_any_other_exit_code_is_a_failed_scan(scanner, tmp_path):
    assert scanning.scan(str(tmp_path), scanner(2), timeout=30).status == scanning.FAILED


def test_a_scanner_that_takes_too_long_is_stopped_and_the_scan_failed(tmp_path):
    script = tmp_path / "slow.py"
    script.write_text("import time\ntime.sleep(30)\n")

    result = scanning.scan(str(tmp_path), f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}", timeout=0.2)

    assert result.status == scanning.FAILED


def test_no_command_means_not_scanned():
    assert scanning.scan("/any/file", "", timeout=30).status == scanning.NOT_SCANNED


def test_the_path_replaces_the_marker_or_is_appended_and_no_shell_is_involved():
    assert scanning.command_words("clamdscan --fdpass {path}", "/tmp/a b; rm -rf x") == [
        "clamdscan",
        "--fdpass",
        "/tmp/a b; rm -rf x",
    ]
    assert scanning.command_words("clamscan --no-summary", "/tmp/x") == ["clamscan", "--no-summary", "/tmp/x"]


def test_the_hook_is_pure_python():
    assert "django" not in imported_packages(scanning)
