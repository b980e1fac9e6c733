#!/usr/bin/env bash
# Makes sure the local PostgreSQL (127.0.0.1:5432) is accepting connections, starting it if needed.
set -euo pipefail
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
deadline=$((SECONDS + 60))
until pg_isready -h 127.0.0.1 -p 5432 -q; do
  if (( SECONDS > deadline )); then echo "PostgreSQL did not become ready" >&2; exit 1; fi
  sleep 1
done
