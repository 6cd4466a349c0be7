#!/usr/bin/env bash
# Write a .env for local use on first `make run`: debug on, SQLite, a fresh
# random secret key and demo password. An existing .env is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .env ] && exit 0
py="$1"
secret="$("$py" -c 'import secrets; print(secrets.token_urlsafe(50))')"
demo="$("$py" -c 'import secrets; print("demo-" + secrets.token_hex(4))')"
cat > .env <<ENV
# Written by make run for local use. See .env.example for every setting.
DEBUG=1
SECRET_KEY=$secret
DEMO_PASSWORD=$demo
ENV
echo "Wrote .env for local use (debug on, SQLite)."
