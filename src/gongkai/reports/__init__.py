"""Annual reports: assembled from the records, written, signed off, published, consolidated and supervised;
and reports uploaded to the auditor."""
