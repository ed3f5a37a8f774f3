"""Small, valid files made in code: the demo region's signed consent form, and tests' uploads.

Pure Python (no Django, no WeasyPrint): a one-page PDF of a few lines of text in a standard
font, with a correct cross-reference table, that any PDF reader opens.
"""

from __future__ import annotations


def _escape(text: str) -> str:
    # PDF literal strings: backslash and brackets escaped; the standard font encodes Latin-1.
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(lines: list[str], *, title: str = "") -> bytes:
    """A one-page A4 PDF showing ``lines`` (the first one larger, as a heading)."""
    text = ["BT", "/F1 16 Tf", "56 770 Td", "20 TL"]
    for n, line in enumerate(lines):
        if n == 1:
            text.append("/F1 11 Tf")
        text.append(f"({_escape(line)}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    info = f"<< /Title ({_escape(title)}) /Producer (Carers Hub) >>" if title else "<< /Producer (Carers Hub) >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        info.encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)
