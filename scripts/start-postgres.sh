#!/usr/bin/env bash
# Starts a local PostgreSQL for the store tests and prints its URL on stdout.
# Idempotent: installs Debian's postgresql only when missing, starts the cluster only when down,
# creates the llmops role and database only when absent. Run as root on Debian.
#
#   export LLMOPS_TEST_POSTGRES_URL="$(scripts/start-postgres.sh)"
set -euo pipefail

USER_NAME="${LLMOPS_PG_USER:-llmops}"
PASSWORD="${LLMOPS_PG_PASSWORD:-llmops}"
DATABASE="${LLMOPS_PG_DATABASE:-llmops}"
PORT="${LLMOPS_PG_PORT:-5432}"

log() { echo "start-postgres: $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing postgresql from Debian's packages"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main"' | grep -q .; then
    log "creating cluster $VERSION/main"
    pg_createcluster "$VERSION" main --port "$PORT" >&2
fi

if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    log "starting cluster $VERSION/main"
    pg_ctlcluster "$VERSION" main start >&2
fi

for _ in $(seq 1 30); do
    if su postgres -c "pg_isready -q -p $PORT"; then break; fi
    sleep 1
done
su postgres -c "pg_isready -q -p $PORT" || { log "PostgreSQL did not become ready on port $PORT"; exit 1; }

psql_admin() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -qtAX $*"; }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'\"")" != "1" ]; then
    log "creating role $USER_NAME"
    psql_admin "-c \"CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD' CREATEDB\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DATABASE'\"")" != "1" ]; then
    log "creating database $DATABASE"
    psql_admin "-c \"CREATE DATABASE $DATABASE OWNER $USER_NAME\""
fi

echo "postgres://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
