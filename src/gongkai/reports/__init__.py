"""Annual reports in the platform: auditing uploaded reports now; assembling, reviewing, publishing and
consolidating them (issue 8) later."""
