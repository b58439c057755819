// Package sqlrow is what the SQLite and PostgreSQL stores share: column
// lists, the statements both dialects run alike (written once with `?`
// placeholders and rebound for PostgreSQL by Dollar) and the encoding of
// rows to arguments and back. What truly differs (locks, claims, digest SQL,
// migrations, the driver calls and their errors) stays in each backend.
package sqlrow
