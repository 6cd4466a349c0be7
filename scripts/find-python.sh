#!/usr/bin/env bash
# Print the path of a Python for Trellis: the version named in .python-version
# if it can be found, else any python3 that is 3.12 or newer.
set -euo pipefail
cd "$(dirname "$0")/.."
wanted="$(tr -d '[:space:]' < .python-version)"
candidates=("python$wanted")
if command -v pyenv >/dev/null 2>&1; then
  root="$(pyenv root)"
  for dir in "$root"/versions/"$wanted"*; do
    candidates+=("$dir/bin/python")
  done
fi
candidates+=(python3.14 python3.13 python3.12 python3)
for candidate in "${candidates[@]}"; do
  path="$(command -v "$candidate" 2>/dev/null || true)"
  [ -n "$path" ] || continue
  if "$path" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "Trellis needs Python 3.12 or newer (ideally $wanted, as .python-version says)," >&2
echo "and none was found. Install it (for example with pyenv: pyenv install $wanted)" >&2
echo "and run make again." >&2
exit 1
