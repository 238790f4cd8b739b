"""Staff pages of powers: the power lists (`lists`), the decisions imports (`imports`) and the appeal cases
(`appeals`)."""
