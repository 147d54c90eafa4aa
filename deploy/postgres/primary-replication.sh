#!/bin/sh
# The primary's side of the optional read replica (docker compose --profile replica): a role that
# may only stream WAL, and a pg_hba.conf line letting it connect for replication. The postgres
# image runs this once, when the `db` volume is first initialised; on an older volume run it by hand
# (README "Scale-out"). PostgreSQL's defaults already stream: wal_level replica, max_wal_senders 10.
# Without REPLICATION_PASSWORD it does nothing. No `exit`: the image sources scripts that are not
# executable, and an exit would end its entrypoint.
set -e
if [ -n "${REPLICATION_PASSWORD:-}" ]; then
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v password="$REPLICATION_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD %L', :'password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'replicator') \gexec
SQL
  if ! grep -q '^host replication replicator ' "$PGDATA/pg_hba.conf"; then
    echo 'host replication replicator all scram-sha-256' >>"$PGDATA/pg_hba.conf"
  fi
fi
