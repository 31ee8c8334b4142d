"""Bundled plugins, one package each; see docs/plugins.md."""
