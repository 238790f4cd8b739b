"""Service functions of annual reports, one state change in one transaction with one audit event each:

- `drafting`: starting a report, overrides with their reasons, the prose, the date;
- `signoff`: the sign-off chain (submit → 复核 → 保密审查 → 审核 → publish) and sending a report back;
- `publication`: rendering and keeping the published files;
- `audits`: reports uploaded to the auditor, one at once or in batches; `audit_checks`: checking a kept upload.
"""
