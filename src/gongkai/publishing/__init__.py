"""主动公开 on Wagtail: items, the sign-off chain, catalogue, guide, cleanup."""
