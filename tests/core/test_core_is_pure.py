"""`gongkai.core` is pure Python: importing every one of its modules loads no Django (DESIGN.md, "The house")."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
import gongkai.core
names = sorted(m.name for m in pkgutil.walk_packages(gongkai.core.__path__, "gongkai.core."))
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("django", "wagtail", "ninja", "django_tasks"))
print(json.dumps({"modules": names, "django": loaded}))
"""


def test_importing_every_core_module_leaves_django_unloaded():
    # a fresh interpreter (this test process has Django loaded), without settings to tempt an import
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120, env=env
    )
    loaded = json.loads(result.stdout)
    assert {"gongkai.core.audit.api", "gongkai.core.render.pdf", "gongkai.core.clock"} <= set(
        loaded["modules"]
    )
    assert loaded["django"] == []
