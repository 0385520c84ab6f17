"""What a file sent to the support desk really is, read from its content (never from its name or the browser's word):
PDF, images (PNG, JPEG, GIF, WebP, checked by opening them) and office documents (Word, Excel, PowerPoint and
OpenDocument, without macros). Anything else, or a file over the size limit, is refused with a message."""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

OOXML = {
    "word/document.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xl/workbook.xml": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".pptx",
    ),
}
ODF = {
    b"application/vnd.oasis.opendocument.text": ".odt",
    b"application/vnd.oasis.opendocument.spreadsheet": ".ods",
    b"application/vnd.oasis.opendocument.presentation": ".odp",
}
IMAGES = {
    "PNG": ("image/png", ".png"),
    "JPEG": ("image/jpeg", ".jpg"),
    "GIF": ("image/gif", ".gif"),
    "WEBP": ("image/webp", ".webp"),
}
ALLOWED_HINT = _(
    "PDF, an image (PNG, JPEG, GIF, WebP) or an office document (Word, Excel, PowerPoint, OpenDocument)"
)


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str


def max_bytes() -> int:
    return settings.LOKET_SUPPORT_ATTACHMENT_MAX_MB * 1024 * 1024


def _zip_kind(upload) -> FileKind | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None  # macros
            if "[Content_Types].xml" in names:
                for marker, (content_type, extension) in OOXML.items():
                    if marker in names:
                        return FileKind(content_type, extension)
            if "mimetype" in names:
                declared = archive.read("mimetype").strip()
                if declared in ODF:
                    return FileKind(declared.decode(), ODF[declared])
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    return None


def _image_kind(upload) -> FileKind | None:
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    found = IMAGES.get(kind or "")
    return FileKind(*found) if found else None


def detect(upload) -> FileKind | None:
    """The kind of file `upload` is by its content, or None when it is not one the desk accepts."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return FileKind("application/pdf", ".pdf")
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    if (
        head[:8] == b"\x89PNG\r\n\x1a\n"
        or head[:3] == b"\xff\xd8\xff"
        or head[:6] in (b"GIF87a", b"GIF89a")
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
    ):
        return _image_kind(upload)
    return None


def check(upload) -> FileKind:
    """The file's kind, or a ValidationError that tells the person what is allowed."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)s MB. Send a smaller file or several parts."),
            params={"name": upload.name, "mb": settings.LOKET_SUPPORT_ATTACHMENT_MAX_MB},
            code="too_large",
        )
    kind = detect(upload)
    if kind is None:
        raise ValidationError(
            _("“%(name)s” cannot be sent: send %(allowed)s."),
            params={"name": upload.name, "allowed": ALLOWED_HINT},
            code="file_type",
        )
    return kind


def clean_name(name: str) -> str:
    """The name people see: no folders, no control characters, at most 150 characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip() or "bijlage"
    return name[-150:]
