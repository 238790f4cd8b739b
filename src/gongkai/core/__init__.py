"""Pure Python: the law and the annual report as code. Never imports Django."""
