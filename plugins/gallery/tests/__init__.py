"""The gallery plugin's tests, run with the fixtures of :mod:`cms.testing`."""
