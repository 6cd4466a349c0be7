#!/usr/bin/env bash
# Refresh the vendored front end under static/ from the versions pinned in
# assets-src/package.json. Run by `make vendor`; the output is committed, so
# neither `make run` nor CI needs Node.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp assets-src/package.json "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent)

nhs="$work/node_modules/nhsuk-frontend"
dest="static/vendor/nhsuk-frontend"
rm -rf "$dest" static/vendor/htmx
mkdir -p "$dest/assets" static/vendor/htmx static/css

cp "$nhs/dist/nhsuk/nhsuk-frontend.min.js" "$dest/"
cp -r "$nhs/dist/nhsuk/assets/images" "$dest/assets/"
cp "$nhs/dist/nhsuk/assets/manifest.json" "$dest/assets/"
# The reference HTML of each form component, read by tests/test_nhsuk_fixtures.py.
mkdir -p "$dest/fixtures"
for component in input textarea character-count radios checkboxes select date-input \
  error-message error-summary fieldset hint label button; do
  cp "$nhs/dist/nhsuk/components/$component/fixtures.json" "$dest/fixtures/$component.json"
done
version="$(node -p "require('$nhs/package.json').version")"
{
  echo "nhsuk-frontend $version, MIT Licence (see README.md of the package)."
  echo "Documentation (c) NHS England, Open Government Licence v3.0."
  echo
  sed -n '/^## Licence/,$p' "$nhs/README.md"
} > "$dest/LICENCE.txt"

htmx="$work/node_modules/htmx.org"
cp "$htmx/dist/htmx.min.js" static/vendor/htmx/
cp "$htmx/LICENSE" static/vendor/htmx/LICENSE.txt

"$work/node_modules/.bin/sass" --no-source-map --style=compressed \
  --load-path="$work/node_modules" assets-src/trellis.scss static/css/trellis.css
echo "Vendored nhsuk-frontend $version and htmx into $root/static"
