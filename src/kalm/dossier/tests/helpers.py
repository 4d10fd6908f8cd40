"""Small builders for dossier tests: real images, PDF text."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader


def jpeg_bytes(
    *, taken: str | None = None, offset: str | None = None, colour: str = "red"
) -> bytes:
    """A real JPEG, with EXIF DateTimeOriginal (``"2025:06:14 16:32:05"``) when given."""
    image = Image.new("RGB", (64, 48), colour)
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken
        if offset:
            exif.get_ifd(0x8769)[0x9011] = offset
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def png_bytes(colour: str = "blue") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), colour).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """PDF text with line breaks and runs of spaces collapsed, for phrase searches."""
    return " ".join(text.split())
