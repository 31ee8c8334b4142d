"""Plugins whose names clash with core tables or with each other's table prefixes."""
