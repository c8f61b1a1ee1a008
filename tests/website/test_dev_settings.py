"""The settings `make run` uses work without collectstatic."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_dev_settings_serve_static_files_without_collectstatic(tmp_path):
    code = (
        "import django; django.setup(); "
        "from django.templatetags.static import static; "
        "from django.contrib.staticfiles import finders; "
        "print(static('involve/involve.css')); "
        "print(bool(finders.find('wagtailnhsukfrontend/css/nhsuk-frontend-10.4.2.min.css')))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.dev", "RUN_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/static/involve/involve.css", "True"]
