"""A plugin whose migration fails half-way (kept apart: the ``app`` fixture
would fail migrating it)."""
