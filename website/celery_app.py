"""The Celery application; configuration comes from Django settings prefixed CELERY_."""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

app = Celery("website")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = [Queue(name) for name in ("feedback", "email", "maintenance")]
app.autodiscover_tasks()
