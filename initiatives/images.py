"""Uploaded images: real image content of an allowed format, a size limit, a stored name of
the site's own choosing (the uploader's file name never reaches a path or a page)."""

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.files import private_storage

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


#: The widths served beside the image itself (srcset), and the largest kept public.
WIDTHS = (480, 960)
MAX_WIDTH = 1600
QUALITY = 85


def _encode(image: Image.Image, image_format: str) -> bytes:
    """The pixels only: no EXIF (GPS position, camera, time), no XMP, no comments."""
    image = image.copy()
    image.info = {}
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    options = {"JPEG": {"quality": QUALITY, "optimize": True}, "WEBP": {"quality": QUALITY}}
    image.save(out, format=image_format, **options.get(image_format, {"optimize": True}))
    return out.getvalue()


def _resized(image: Image.Image, width: int) -> Image.Image:
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


@dataclass(frozen=True)
class Publishable:
    image: bytes
    format: str
    size: tuple[int, int]
    widths: dict[int, bytes]
    original: bytes


def publishable(upload) -> Publishable:
    """From an uploaded image: the public image (turned as the camera meant, every
    metadata removed, at most MAX_WIDTH wide), its format, the smaller widths of WIDTHS,
    and the original bytes (kept private to the staff)."""
    upload.seek(0)
    original = upload.read()
    with Image.open(io.BytesIO(original)) as opened:
        image_format = opened.format or "JPEG"
        image = ImageOps.exif_transpose(opened)
        image.load()
    if image.width > MAX_WIDTH:
        image = _resized(image, MAX_WIDTH)
    sizes = {
        width: _encode(_resized(image, width), image_format)
        for width in WIDTHS
        if width < image.width
    }
    return Publishable(_encode(image, image_format), image_format, image.size, sizes, original)


def store_upload(initiative) -> None:
    """Replace a new upload by what may be published: the re-encoded image and its smaller
    widths in the public storage, the original in the private one. Nothing happens to an
    image that is already stored."""
    field_file = initiative.image
    if not field_file or getattr(field_file, "_committed", True):
        return
    upload = publishable(field_file.file)
    key = uuid.uuid4().hex
    extension = EXTENSIONS[upload.format]
    storage = field_file.storage
    name = storage.save(f"initiatives/{key}{extension}", ContentFile(upload.image))
    for width, data in upload.widths.items():
        storage.save(size_name(name, width), ContentFile(data))
    initiative.image_original = private_storage().save(
        f"originals/{key}{extension}", ContentFile(upload.original)
    )
    initiative.image_width, initiative.image_height = upload.size
    initiative.image = name
    initiative.image_sizes = sorted(upload.widths)


def size_name(name: str, width: int) -> str:
    """The stored name of the ``width`` version of the image ``name``."""
    stem, dot, extension = name.rpartition(".")
    return f"{stem}-{width}w{dot}{extension}"
