"""The Involve site: settings, URLs, the Celery app and the site's own pages."""

from website.celery_app import app as celery_app

__all__ = ("celery_app",)
