"""Which files may be attached to a person's record, decided by what is in them, not by their names.

Pure Python (no Django), like the other rules modules (decision 2): forms, the demo and tests
share it. ``check(name, stream)`` reads the file's first bytes (its "magic number") and, for the
zip-based office formats, the zip's directory and one small entry, and returns the ``FileType``
or raises ``Refused`` with a stable code and an English message to translate at display time.
Nothing is unpacked beyond one small entry, so a zip bomb costs nothing to refuse.

Accepted, and why:

- **PDF** (``%PDF-`` at the start): letters, scanned forms, signed consent.
- **JPEG, PNG, TIFF and HEIC pictures**: a photo of a letter taken on a phone (HEIC is what
  iPhones take), a scan (scanners and fax software often make TIFF).
- **Office Open XML** (.docx, .xlsx, .pptx) and **OpenDocument** (.odt, .ods, .odp): a zip whose
  ``[Content_Types].xml`` (or ``mimetype`` entry) names the document part, which must be there.

Refused, and why:

- **Macro-enabled documents** (.docm, .xlsm, .pptm, any ``vbaProject.bin``, ``macroEnabled``
  content types, ActiveX controls, embedded OLE objects; OpenDocument ``Basic/`` and
  ``Scripts/``): macros and embedded objects are how most office-document malware runs.
- **Older Office files** (.doc, .xls, .ppt: the OLE2 "compound file" container). Their macros
  live inside a binary container that cannot be checked without a full parser, they are the
  commonest carrier of macro malware, and the same container holds password-protected
  (encrypted) .docx files, which cannot be checked at all. Every office program of the last
  fifteen years saves .docx or PDF, so the worker is asked to do that.
- **GIF, WebP, plain zip, HTML, text, executables, everything else**: no letter or form needs
  them, and each format accepted is one more a viewer may be attacked through. GIF in
  particular is a classic polyglot (a GIF that is also a Java archive or a script).
- A name whose **extension does not agree** with the content (a PNG called letter.pdf): the
  program that opens it later chooses by the name, so the name must tell the truth.
- **Zip bombs**: a zip whose entries declare more than ``MAX_UNPACKED_BYTES`` unpacked, or more
  than ``MAX_ENTRIES`` entries.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO, Final

from carershub.core.i18n import gettext_noop

# A zip that says it unpacks to more than this is refused (a 20 MB .docx full of photos unpacks
# to about its own size; text compresses about tenfold).
MAX_UNPACKED_BYTES: Final = 250 * 1024 * 1024
MAX_ENTRIES: Final = 5000
# The one entry read from an office document's zip: its list of parts. Real ones are a few KB.
MAX_CONTENT_TYPES_BYTES: Final = 1024 * 1024
HEADER_BYTES: Final = 64


@dataclass(frozen=True)
class FileType:
    code: str  # stable, stored on the document: "pdf", "docx", ...
    label: str  # English, marked for translation: "PDF", "Word document"
    content_type: str  # what the download says it is
    extensions: tuple[str, ...]  # the names it may have, the first being the usual one
    picture: bool = False


def _t(code, label, content_type, extensions, picture=False) -> FileType:
    return FileType(code, label, content_type, extensions, picture)


TYPES: Final[dict[str, FileType]] = {
    t.code: t
    for t in (
        _t("pdf", gettext_noop("PDF"), "application/pdf", (".pdf",)),
        _t("jpeg", gettext_noop("JPEG picture"), "image/jpeg", (".jpg", ".jpeg"), True),
        _t("png", gettext_noop("PNG picture"), "image/png", (".png",), True),
        _t("tiff", gettext_noop("TIFF picture"), "image/tiff", (".tif", ".tiff"), True),
        _t("heic", gettext_noop("HEIC picture"), "image/heic", (".heic", ".heif"), True),
        _t(
            "docx",
            gettext_noop("Word document"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        _t(
            "xlsx",
            gettext_noop("Excel spreadsheet"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
        ),
        _t(
            "pptx",
            gettext_noop("PowerPoint presentation"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
        ),
        _t("odt", gettext_noop("OpenDocument text"), "application/vnd.oasis.opendocument.text", (".odt",)),
        _t(
            "ods",
            gettext_noop("OpenDocument spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet",
            (".ods",),
        ),
        _t(
            "odp",
            gettext_noop("OpenDocument presentation"),
            "application/vnd.oasis.opendocument.presentation",
            (".odp",),
        ),
    )
}

ACCEPTED_EXTENSIONS: Final = tuple(ext for t in TYPES.values() for ext in t.extensions)
# What a file chooser offers (the <input accept> attribute): extensions and content types.
ACCEPT_ATTRIBUTE: Final = ",".join(ACCEPTED_EXTENSIONS)

MACRO_EXTENSIONS: Final = frozenset({".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppam", ".ppsm"})

MESSAGES: Final[dict[str, str]] = {
    "empty": gettext_noop("The selected file is empty"),
    "not_allowed": gettext_noop(
        "The selected file must be a PDF, a picture (JPG, PNG, TIFF or HEIC) or an office document "
        "(Word, Excel, PowerPoint or OpenDocument)"
    ),
    "legacy_office": gettext_noop(
        "The selected file is an older Office file (.doc, .xls or .ppt) or is protected by a password. "
        "These cannot be checked for harmful content: save it as a PDF, or as a .docx, .xlsx or .pptx "
        "file without a password, and try again"
    ),
    "macros": gettext_noop(
        "The selected file contains macros or embedded programs, which could be harmful. Save it without "
        "them (for example as a .docx file or a PDF) and try again"
    ),
    "zip_bomb": gettext_noop("The selected file unpacks to far more than its size, so it cannot be accepted"),
    "damaged": gettext_noop("The selected file is damaged and cannot be opened"),
    "no_extension": gettext_noop("The selected file's name must end in %(expected)s, as it is a %(type)s"),
    "extension_mismatch": gettext_noop(
        "The selected file is a %(type)s but its name ends in %(extension)s. Choose the right file, or "
        "rename it to end in %(expected)s"
    ),
}


class Refused(Exception):
    """The file may not be attached. ``code`` is stable; ``template`` the English message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.template = MESSAGES[code]
        # Values for the template's %(name)s; ``type`` is an English label to translate first.
        self.params: dict = params

    def __str__(self):
        return self.template % self.params if self.params else self.template


# --- Magic numbers ---------------------------------------------------------------------------------

PDF_MAGIC: Final = b"%PDF-"
PNG_MAGIC: Final = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC: Final = b"\xff\xd8\xff"
TIFF_MAGICS: Final = (b"II*\x00", b"MM\x00*")
ZIP_MAGIC: Final = b"PK\x03\x04"
OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The ISO base media "ftyp" box's major brand of HEIF/HEIC stills (ISO/IEC 23008-12). AVIF
# ("avif") shares the container but is refused: nothing a carer sends is AVIF.
HEIC_BRANDS: Final = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})

OOXML_MAIN: Final = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
ODF_MIMETYPES: Final = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
_OVERRIDE = re.compile(r"<Override\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


def detect(stream: BinaryIO) -> FileType:
    """What the file in ``stream`` (binary, seekable, at any position) really is; or ``Refused``."""
    stream.seek(0)
    head = stream.read(HEADER_BYTES)
    stream.seek(0)
    if not head:
        raise Refused("empty")
    if head.startswith(PDF_MAGIC):
        return TYPES["pdf"]
    if head.startswith(PNG_MAGIC):
        return TYPES["png"]
    if head.startswith(JPEG_MAGIC):
        return TYPES["jpeg"]
    if head.startswith(TIFF_MAGICS):
        return TYPES["tiff"]
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return TYPES["heic"]
    if head.startswith(OLE2_MAGIC):
        raise Refused("legacy_office")
    if head.startswith(ZIP_MAGIC):
        return TYPES[_zip_document(stream)]
    raise Refused("not_allowed")


# What reading a damaged or hostile zip can raise, all meaning "cannot be read as a document":
# a broken central directory (BadZipFile), ZIP64 sizes we refuse (LargeZipFile), a truncated file
# (EOFError), a negative or impossible offset (ValueError), a compression method zipfile does not
# implement (NotImplementedError), and a read past the end of the upload (OSError).
ZIP_READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, OSError)


def _zip_document(stream: BinaryIO) -> str:
    """The code of the office document a zip is, after the zip-bomb and macro checks."""
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
                raise Refused("zip_bomb")
            names = {e.filename for e in entries}
            if entries and entries[0].filename == "mimetype":
                return _odf(archive, entries[0], names)
            if "[Content_Types].xml" in names:
                return _ooxml(archive, names)
    except ZIP_READ_ERRORS:
        raise Refused("damaged") from None
    finally:
        stream.seek(0)
    raise Refused("not_allowed")


def _read_small(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise Refused("zip_bomb")
    with archive.open(info) as entry:
        return entry.read(limit + 1)[:limit]


def _ooxml(archive: zipfile.ZipFile, names: set[str]) -> str:
    lowered = {n.lower() for n in names}
    if any(
        n.endswith("vbaproject.bin") or n.endswith("vbadata.xml") or "/activex/" in f"/{n}" or _is_ole_object(n)
        for n in lowered
    ):
        raise Refused("macros")
    content_types = _read_small(archive, "[Content_Types].xml", MAX_CONTENT_TYPES_BYTES).decode("utf-8", "replace")
    if "macroenabled" in content_types.lower() or "vbaproject" in content_types.lower():
        raise Refused("macros")
    for override in _OVERRIDE.findall(content_types):
        attributes = dict(_ATTRIBUTE.findall(override))
        code = OOXML_MAIN.get(attributes.get("ContentType", ""))
        if code and attributes.get("PartName", "").lstrip("/") in names:
            return code
    raise Refused("not_allowed")


def _is_ole_object(name: str) -> bool:
    # word/embeddings/oleObject1.bin: an embedded OLE object (the "Package" object can be any program).
    leaf = name.rsplit("/", 1)[-1]
    return "/embeddings/" in f"/{name}" and leaf.startswith("oleobject") and leaf.endswith(".bin")


def _odf(archive: zipfile.ZipFile, first: zipfile.ZipInfo, names: set[str]) -> str:
    mimetype = _read_small(archive, first.filename, 200).strip()
    code = ODF_MIMETYPES.get(mimetype)
    if code is None:
        raise Refused("not_allowed")
    if any(n.startswith(("Basic/", "Scripts/")) for n in names):
        raise Refused("macros")
    if "content.xml" not in names:
        raise Refused("damaged")
    return code


# --- Names -----------------------------------------------------------------------------------------


def extension_of(name: str) -> str:
    """".pdf" for "Letter.PDF"; "" when the name has none."""
    leaf = clean_name(name)
    stem, dot, ext = leaf.rpartition(".")
    return f".{ext.lower()}" if dot and stem and ext else ""


def check(name: str, stream: BinaryIO) -> FileType:
    """``detect`` the file, then check its name says the same; or ``Refused``."""
    extension = extension_of(name)
    if extension in MACRO_EXTENSIONS:
        raise Refused("macros")
    found = detect(stream)
    expected = found.extensions[0]
    if not extension:
        raise Refused("no_extension", type=found.label, expected=expected)
    if extension not in found.extensions:
        raise Refused("extension_mismatch", type=found.label, extension=extension, expected=expected)
    return found


_UNSAFE = re.compile(r'[\x00-\x1f\x7f"*:<>?|;\\/]')


def clean_name(name: str, *, limit: int = 150) -> str:
    """A file name fit to show and to offer on download: the last part of any path, no control
    characters, quotes or separators, NFC, at most ``limit`` characters with its extension kept.

    Never used as a storage path: documents are stored under a random name.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip().strip(".")
    name = " ".join(name.split())
    if len(name) > limit:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:10] if dot else ""
        name = (stem if dot else name)[: limit - len(ext) - 1].rstrip() + (f".{ext}" if ext else "")
    return name


def download_name(original: str, file_type: FileType, *, fallback: str) -> str:
    """The name a download is offered under: the original, cleaned, ending in an extension of its type."""
    name = clean_name(original) or fallback
    if extension_of(name) not in file_type.extensions:
        name = f"{name}{file_type.extensions[0]}"
    return name

