"""Stored search documents, on PostgreSQL: the weighted Swedish document of each source that
can grow large, kept by a trigger on the source's table (search/migrations/0003) whenever a
row is written, bulk writes, imports and tree moves included. A search then filters with the
GIN index and ranks on the stored vector instead of parsing every matching row's texts with
the hunspell dictionary again (ten times the cost of the plain stemmer). On SQLite the
tables stay empty: search runs in Python there."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from encyclopedia.models import Entry
from followup.models import Assessment
from goals.models import GoalFormulation
from initiatives.models import Initiative
from keyfigures.models import Indicator
from programme.models import ProgrammeNode

RELATED_NAME = "stored_search"  # each source's reverse name for its document


class StoredDocument(models.Model):
    """One source row's weighted Swedish document (``source``: a one-to-one key to it)."""

    vector = SearchVectorField()  # GIN-indexed on PostgreSQL only (search/migrations/0004)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self._meta.verbose_name} {self.pk}"


def _source(model: type[models.Model]) -> models.OneToOneField:
    # No database constraint: the source's trigger writes the document, and a delete removes
    # it through Django's cascade like any related row.
    return models.OneToOneField(
        model,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name=RELATED_NAME,
        db_constraint=False,
    )


class NodeDocument(StoredDocument):
    source = _source(ProgrammeNode)


class InitiativeDocument(StoredDocument):
    source = _source(Initiative)


class EntryDocument(StoredDocument):
    source = _source(Entry)


class IndicatorDocument(StoredDocument):
    source = _source(Indicator)


class FormulationDocument(StoredDocument):
    source = _source(GoalFormulation)


class AssessmentDocument(StoredDocument):
    source = _source(Assessment)
