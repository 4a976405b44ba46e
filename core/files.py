"""Where the portal keeps files that are not public: the annual exports the worker builds,
the original of every uploaded image. Served only through views that check the team's
rights, never under MEDIA_ROOT."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.PRIVATE_FILES_ROOT)
