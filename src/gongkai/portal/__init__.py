"""The public site: Wagtail pages, templates and static files."""
