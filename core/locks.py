"""A lock held until the transaction ends, for writes that must not run side by side (the
programme tree's moves, the import of key-figure values): an advisory lock on PostgreSQL.
SQLite's transactions are IMMEDIATE (settings), so it serialises writers by itself."""

from django.db import connection


def transaction_lock(name: str) -> None:
    """Wait for, then hold until the end of the current transaction, the lock ``name``."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])
