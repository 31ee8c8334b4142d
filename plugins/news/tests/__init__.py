"""The news plugin's tests (run with ``python -m pytest plugins/news``)."""
