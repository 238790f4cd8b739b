"""Operations: readiness, metrics, the task worker's heartbeat, gunicorn's logging (docs/operations.md)."""
