"""The disclosure work itself: the agency's groups, rules, meetings and training, inspections and rectification."""
