#!/usr/bin/env bash
# Restore a dump made by deploy/backup.sh into DATABASE_URL, which must be an
# empty database (createdb newsroom_restored, or a new managed instance):
#
#   DATABASE_URL=postgres://user:password@host:5432/newsroom_restored deploy/restore.sh FILE
#
# Refuses a database that already holds tables, so that it can never mix a
# backup into live data. Restores in one transaction: on any error nothing is
# left half-restored. Then point the site at it and run `manage.py migrate`
# (it brings the schema up to the code and invalidates the shared page cache,
# which may still hold pages of the newer data). See README, "Security and
# Operations". Needs only the PostgreSQL client (Debian: postgresql-client).
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the empty database to restore into (postgres://...)}"
dump=${1:?usage: DATABASE_URL=postgres://... deploy/restore.sh FILE.dump}
[ -f "$dump" ] || { echo "restore.sh: no such file: $dump" >&2; exit 2; }

tables=$(psql --no-psqlrc --quiet --tuples-only --no-align --dbname="$DATABASE_URL" \
  --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore.sh: the database already holds $tables tables; restore into an empty one" >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$dump"
echo "Restored $dump. Now run: manage.py migrate"
