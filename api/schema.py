"""drf-spectacular post-processing: the error answers every operation can give."""

ERROR = {
    "description": "",
    "content": {
        "application/json": {"schema": {"type": "object", "additionalProperties": True}},
        # ?format=csv renders an error as CSV too
        "text/csv": {"schema": {"type": "string"}},
    },
}


def add_error_responses(result, generator, request, public):
    """Document 400 (a filter value that does not exist, a bad number, a NUL byte), 404 (a
    page past the last, an unknown id or slug) and 429 (the throttle) on every operation."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("400", {**ERROR, "description": "A bad filter or number."})
            responses.setdefault("404", {**ERROR, "description": "No such page or item."})
            responses.setdefault(
                "429",
                {**ERROR, "description": "Too many requests from this address: see Retry-After."},
            )
    return result
