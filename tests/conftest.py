"""The core's tests use the fixtures of :mod:`cms.testing` (the pytest
plugin every installation of the core carries) and pytester for the tests of
the harness itself."""
pytest_plugins = ["pytester"]
