"""Views of annual reports: writing (`drafting`), sign-off (`signoff`), supervision and the desk's panel
(`supervision`), the auditor's uploads (`audits`) and the public pages (`public`)."""
