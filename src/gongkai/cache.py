"""The cache backend of the shared caches: diskcache's Django backend, left open between requests.

diskcache keeps entries in SQLite under var/ (shared by every worker process, fast to read and to write, evicting
by size), unlike Django's file cache, which lists its whole directory on every write. Django closes every cache
at the end of each request; reopening diskcache runs its SQLite setup again (about 1.5 ms). Its author advises
leaving it open (every operation is atomic), so `close` does nothing here; the connections end with the process.
"""

from __future__ import annotations

from diskcache import DjangoCache

PORTAL = "portal"
"""The cache of the portal's pages and its columns' data (settings.CACHES; portal/page_cache.py, publishing/columns.py)."""


class SharedDiskCache(DjangoCache):
    def close(self, **kwargs) -> None:
        """Keep the connections open across requests (see the module docstring)."""
