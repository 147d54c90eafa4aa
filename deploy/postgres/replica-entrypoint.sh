#!/bin/sh
# The read replica (docker compose --profile replica): on an empty volume, a base backup of `db`
# with pg_basebackup -R (standby.signal and primary_conninfo written for us) over the replication
# slot plan68_replica, which keeps the WAL the replica has not received yet; then PostgreSQL as a
# hot standby, streaming from `db` from then on. Runs as the postgres user.
set -eu
: "${PGPASSWORD:?set REPLICATION_PASSWORD (the same as for db) for the replica}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h db -U replicator -d postgres -q; do sleep 1; done
  # A slot survives a replica rebuilt from scratch: create it only the first time.
  slots=$(psql -h db -U replicator -d postgres -tAc \
    "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'plan68_replica'")
  create=''
  if [ "$slots" = 0 ]; then create='--create-slot'; fi
  pg_basebackup -h db -U replicator -D "$PGDATA" -X stream -R -S plan68_replica $create \
    --checkpoint=fast
  chmod 700 "$PGDATA"
fi
# hot_standby_feedback: an analyst's long query is not cancelled when the primary cleans up rows
# it still reads (at the price of the primary keeping those rows a little longer).
exec postgres -c hot_standby_feedback=on
