"""The WSGI application (gunicorn loads it in each worker process).

Objects made while loading (Django, Wagtail and the project's modules, models, URL patterns) and while serving
the first requests (compiled templates, resolvers, caches of the ORM) live as long as the process. They are moved
out of the garbage collector's sight (gc.freeze) once after loading and once more after WARM_UP_REQUESTS:
otherwise every full collection walks them all, a pause of about 100 ms that lands on whichever request is being
served (measured with benchmarks/portal.py).
"""

import gc
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

WARM_UP_REQUESTS = 200

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault(
    "GONGKAI_PROCESS", "web"
)  # settings: the web's statement timeout (GONGKAI_DB_STATEMENT_TIMEOUT_MS)
application = get_wsgi_application()
_served = 0


def _freeze() -> None:
    gc.collect()
    gc.freeze()


def _count(**_kwargs) -> None:
    global _served
    _served += 1
    if _served >= WARM_UP_REQUESTS:
        request_finished.disconnect(_count)
        _freeze()


_freeze()
request_finished.connect(_count)
