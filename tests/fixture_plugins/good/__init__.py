"""Working test plugins (``PLUGIN_PACKAGES = ["fixture_plugins.good"]``)."""
