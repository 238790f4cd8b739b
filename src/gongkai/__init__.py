"""Gongkai (公开): the platform for government information disclosure work."""

__version__ = "0.1.0"
