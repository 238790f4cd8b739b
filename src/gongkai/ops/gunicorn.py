"""gunicorn's logger for `gongkai serve --production`: the access and error logs through the same personal-data
redaction as every other log (gongkai/logging.py), as JSON lines with GONGKAI_LOG_FORMAT=json.

gunicorn writes its access log itself, past Django's LOGGING, so without this a request line such as
`GET /apply/lookup?q=13812345678` reached the log in clear.
"""

from __future__ import annotations

import os

from gunicorn import glogging
from pythonjsonlogger.json import JsonFormatter

from gongkai.logging import RedactPersonalData

JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"


class RedactingLogger(glogging.Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for logger in (self.access_log, self.error_log):
            logger.addFilter(RedactPersonalData())
            if os.environ.get("GONGKAI_LOG_FORMAT") == "json":
                for handler in logger.handlers:
                    handler.setFormatter(JsonFormatter(JSON_FIELDS))
