"""The WSGI entry point for gunicorn and ``flask --app wsgi``."""
from cms import create_app

app = create_app()
