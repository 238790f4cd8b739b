"""The HTTP API (django-ninja) under /api/v1, with its OpenAPI schema at /api/v1/openapi.json."""
