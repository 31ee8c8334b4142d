"""Tests of the statistics plugin (run with ``python -m pytest plugins/stats``)."""
