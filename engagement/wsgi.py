"""WSGI entry point for gunicorn. It defaults to production settings so that a server started
without configuration refuses to run rather than serving the dev settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings.production")

application = get_wsgi_application()
