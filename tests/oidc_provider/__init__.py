"""A real OpenID Connect provider for the single sign-on tests, and for trying single sign-on
by hand: a small Django site on django-oauth-toolkit (discovery, JWKS, RS256 ID tokens,
PKCE), started on 127.0.0.1 in its own process with its own SQLite database.

    python -m tests.oidc_provider --port 8001 --people tests/oidc_provider/example_people.json

prints the portal's OIDC_* settings and serves until stopped (scripts/test-provider does
this for `make run`'s example accounts). The people are given as JSON: a username, a
password and their claims (``email``, ``email_verified``, ``name``, ``groups``, ``amr``).
"""
