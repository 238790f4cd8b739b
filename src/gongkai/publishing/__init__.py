"""主动公开 on Wagtail: items, review chain, catalogue, guide, cleanup (issue 6)."""
