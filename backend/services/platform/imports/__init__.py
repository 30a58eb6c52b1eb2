"""`avisa import` and POST /api/admin/import: a company's own data (customers, sites,
contacts, equipment, contracts, technicians and open incidents with their numbers,
history, booked visits and ordered parts) from CSV or JSON files (docs/import.md).

Everything is read and checked first; every bad row is reported with its file, row and
reason, and nothing is written unless all rows are good. The writes are upserts in one
transaction, so running the same import again changes nothing."""
