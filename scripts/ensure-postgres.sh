#!/usr/bin/env bash
# Make sure PostgreSQL's server binaries are on this machine; the tests start and stop their own server.
# Installs Debian's package when missing and we are root; otherwise says so (the PostgreSQL tests then skip
# with that reason).
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing PostgreSQL (Debian package postgresql)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
else
    echo "PostgreSQL is not installed and cannot be installed here: its tests will be skipped" >&2
fi
