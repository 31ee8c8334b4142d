"""The core's version, in a module of its own so that the modules that report
it do not import the package (and with it ``create_app``)."""

__version__ = "0.1.0"
