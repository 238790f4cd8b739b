"""依申请公开: intake, clock, outcome, letters, fees."""
