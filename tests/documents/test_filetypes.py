"""What may be attached to a record is decided by what the file is (documents/filetypes.py, pure)."""

import io

import pytest

from carershub.documents import filetypes
from tests.conftest import imported_packages
from tests.documents import files


def check(name, content):
    return filetypes.check(name, io.BytesIO(content))


def refused(name, content) -> filetypes.Refused:
    with pytest.raises(filetypes.Refused) as caught:
        check(name, content)
    return caught.value


@pytest.mark.parametrize(
    ("name", "content", "code", "content_type"),
    [
        ("consent.pdf", files.pdf(), "pdf", "application/pdf"),
        ("Photo of letter.JPG", files.jpeg(), "jpeg", "image/jpeg"),
        ("letter.jpeg", files.jpeg(), "jpeg", "image/jpeg"),
        ("scan.png", files.png(), "png", "image/png"),
        ("fax.tif", files.tiff(), "tiff", "image/tiff"),
        ("IMG_0001.HEIC", files.heic(), "heic", "image/heic"),
        ("letter.docx", files.ooxml("docx"), "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("budget.xlsx", files.ooxml("xlsx"), "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("slides.pptx", files.ooxml("pptx"), "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("letter.odt", files.odf(), "odt", "application/vnd.oasis.opendocument.text"),
        ("budget.ods", files.odf("application/vnd.oasis.opendocument.spreadsheet"), "ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_each_accepted_type_is_recognised_by_its_content(name, content, code, content_type):
    found = check(name, content)

    assert found.code == code
    assert found.content_type == content_type


def test_a_real_spreadsheet_made_by_a_spreadsheet_library_is_accepted():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)

    assert check("carers budget.xlsx", buffer.getvalue()).code == "xlsx"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("letter.pdf", files.exe()),  # a program renamed to look like a letter
        ("setup.exe", files.exe()),
        ("letter.pdf", files.html()),  # a web page with a script, renamed
        ("page.html", files.html()),
        ("animation.gif", files.gif()),
        ("archive.zip", files.plain_zip()),
        ("notes.txt", b"Just some text"),
    ],
)
def test_anything_else_is_refused_whatever_it_is_called(name, content):
    assert refused(name, content).code == "not_allowed"


def test_the_name_must_agree_with_the_content():
    problem = refused("letter.pdf", files.png())

    assert problem.code == "extension_mismatch"
    assert str(problem) == (
        "The selected file is a PNG picture but its name ends in .pdf. Choose the right file, or rename it to end in .png"
    )


def test_a_name_without_an_extension_is_refused_with_the_one_it_needs():
    problem = refused("letter", files.pdf())

    assert problem.code == "no_extension"
    assert problem.params == {"type": "PDF", "expected": ".pdf"}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("letter.docm", files.ooxml("docm")),  # a macro-enabled Word document
        ("letter.docx", files.ooxml("docm")),  # ...renamed to .docx
        ("letter.docx", files.ooxml("docx", extra=[("word/vbaProject.bin", b"\x00" * 16)])),
        ("letter.docx", files.ooxml("docx", extra=[("word/embeddings/oleObject1.bin", b"\x00" * 16)])),
        ("letter.docx", files.ooxml("docx", extra=[("word/activeX/activeX1.xml", "<ax/>")])),
        ("letter.odt", files.odf(extra=[("Basic/Standard/Module1.xml", "<script/>")])),
        ("budget.xlsm", files.ooxml("xlsx")),
    ],
)
def test_documents_with_macros_or_embedded_programs_are_refused(name, content):
    assert refused(name, content).code == "macros"


def test_a_docx_with_an_embedded_spreadsheet_or_printer_settings_is_still_accepted():
    content = files.ooxml(
        "docx", extra=[("word/embeddings/Microsoft_Excel_Worksheet.xlsx", b"PK"), ("word/printerSettings1.bin", b"\0")]
    )

    assert check("report.docx", content).code == "docx"


@pytest.mark.parametrize("name", ["letter.doc", "budget.xls", "letter.docx"])
def test_older_office_files_and_password_protected_ones_are_refused(name):
    # .doc, .xls and an encrypted .docx are all OLE2 compound files, which cannot be checked for macros.
    assert refused(name, files.ole2()).code == "legacy_office"


def test_a_zip_bomb_is_refused_by_its_declared_size_without_unpacking_it():
    assert refused("letter.docx", files.zip_declaring(filetypes.MAX_UNPACKED_BYTES + 1)).code == "zip_bomb"


def test_a_zip_of_too_many_entries_is_refused():
    assert refused("letter.docx", files.zip_with_entries(filetypes.MAX_ENTRIES + 1)).code == "zip_bomb"


@pytest.mark.parametrize("content", [b"PK\x03\x04" + b"\x00" * 100, files.ooxml("docx")[:200]])
def test_a_damaged_document_is_refused_not_an_error(content):
    assert refused("letter.docx", content).code == "damaged"


def test_an_empty_file_is_refused():
    assert refused("letter.pdf", b"").code == "empty"


def test_the_check_leaves_the_file_at_its_start_for_whoever_stores_it():
    stream = io.BytesIO(files.ooxml("docx"))
    stream.seek(50)

    filetypes.check("letter.docx", stream)

    assert stream.tell() == 0


@pytest.mark.parametrize(
    ("given", "cleaned"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\Ann\\Desktop\\GP letter.pdf", "GP letter.pdf"),
        ('con"sent\x00\n<script>.pdf', "con_sent___script_.pdf"),
        ("Llythyr y meddyg – Ŵyn.pdf", "Llythyr y meddyg – Ŵyn.pdf"),
        ("a" * 300 + ".pdf", "a" * 146 + ".pdf"),
    ],
)
def test_a_file_name_is_cleaned_to_its_last_part_without_unsafe_characters(given, cleaned):
    assert filetypes.clean_name(given) == cleaned


def test_a_download_is_named_with_its_types_extension():
    pdf = filetypes.TYPES["pdf"]

    assert filetypes.download_name("GP letter.pdf", pdf, fallback="document-1") == "GP letter.pdf"
    assert filetypes.download_name("", pdf, fallback="document-1") == "document-1.pdf"


def test_the_rules_are_pure_python():
    assert "django" not in imported_packages(filetypes)
