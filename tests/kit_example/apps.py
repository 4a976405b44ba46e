from django.apps import AppConfig


class KitExampleConfig(AppConfig):
    """A moderated type that exists only in the tests: what a new type costs on the shared
    kit (docs/architecture.md, "A new moderated type"); and a kind of job that waits."""

    name = "tests.kit_example"
    label = "kit_example"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import review
        from jobs import kinds

        from .jobs import WAIT
        from .models import Tip

        kinds.register(WAIT)

        # The one registration: its content is these fields, written by the shared services.
        review.register(review.ModeratedType(model=Tip, fields=("title", "body", "department")))
