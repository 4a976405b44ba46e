"""Uploaded images: real image content of an allowed format, a size limit, a stored name of
the site's own choosing (the uploader's file name never reaches a path or a page)."""

import uuid

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # beyond this Pillow's decompression-bomb guard is near anyway
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def image_format(file) -> str:
    """The format Pillow reads from the file's content (its name is never trusted)."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
            return image.format or ""
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            _("The file is not an image that can be read."), code="invalid_image"
        ) from None
    finally:
        file.seek(position)


def validate_image(field_file) -> None:
    """A JPEG, PNG or WebP image of at most 5 MB and 40 megapixels.

    Checked when a file is uploaded; an image already stored was checked then.
    """
    if getattr(field_file, "_committed", True):
        return
    if field_file.size > MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s; at most %(limit)s is allowed.")
            % {"size": filesizeformat(field_file.size), "limit": filesizeformat(MAX_BYTES)},
            code="too_large",
        )
    file = field_file.file
    if image_format(file) not in EXTENSIONS:
        raise ValidationError(_("Use a JPEG, PNG or WebP image."), code="invalid_format")
    file.seek(0)
    with Image.open(file) as image:
        width, height = image.size
    file.seek(0)
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("The image is %(width)d × %(height)d pixels; make it smaller.")
            % {"width": width, "height": height},
            code="too_many_pixels",
        )


def initiative_image_path(instance, filename: str) -> str:
    """A random name with the extension of the content's real format."""
    return f"initiatives/{uuid.uuid4().hex}{EXTENSIONS[image_format(instance.image.file)]}"
