#!/usr/bin/env bash
# Back up the site's database: a pg_dump of DATABASE_URL in PostgreSQL's
# custom format (compressed; deploy/restore.sh reads it).
#
#   DATABASE_URL=postgres://user:password@host:5432/newsroom deploy/backup.sh [DIR]
#
# Writes DIR/newsroom-<UTC time>.dump (DIR: ./backups) and prints its path.
# pg_dump reads one consistent snapshot while the site keeps running: readers,
# editors and the task worker are not stopped. The file appears under its
# final name only once complete, so a copy job never takes a half-written
# dump. Media (MEDIA_ROOT) is not in it: see README, "Security and
# Operations". Needs only the PostgreSQL client (Debian: postgresql-client),
# of the server's major version or newer; no Python.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the database to back up (postgres://...)}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL must be a PostgreSQL URL (postgres://...)" >&2; exit 2 ;;
esac

dir=${1:-backups}
mkdir -p "$dir"
dump="$dir/newsroom-$(date -u +%Y%m%dT%H%M%SZ).dump"
# Ownership and grants belong to the server the dump is restored on.
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$dump.partial"
mv "$dump.partial" "$dump"
echo "$dump"
