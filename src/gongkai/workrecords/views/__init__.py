"""Staff pages of work records: the year's records and their editing (`records`), inspections and rectification
(`inspections`), the XLSX ledger (`ledger`)."""
