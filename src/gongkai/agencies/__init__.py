"""Agencies (a tree), people, roles and the one scoping helper."""
