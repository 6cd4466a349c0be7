#!/usr/bin/env bash
# Refresh the fonts Trellis ships under static/vendor/fonts/ from Debian's
# packages (run by `make vendor-fonts` on a Debian or Ubuntu machine; the
# output is committed, so neither `make run` nor CI needs it):
# - Liberation Sans 2 (fonts-liberation2): pages' fallback after Arial, same metrics.
# - Noto Sans and Noto Sans Arabic (fonts-noto-core): the PDFs' fonts.
# All three are under the SIL Open Font License 1.1. The files are rewrapped,
# same glyphs, which the OFL allows under the same names: WOFF2 for browsers (a
# third of the size), WOFF for WeasyPrint (it unpacks WOFF2 twenty times slower,
# on every PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && apt-get download fonts-liberation2 fonts-noto-core >/dev/null)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
ttf="$work/x/usr/share/fonts/truetype"

dest=static/vendor/fonts
rm -rf "$dest"
mkdir -p "$dest/liberation-sans" "$dest/noto-sans"

rewrap() {  # rewrap FLAVOUR SOURCE.ttf DEST_DIR
  "$python" -c 'import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[2], recalcTimestamp=False); font.flavor = sys.argv[1]; font.save(sys.argv[3])' \
    "$1" "$2" "$3/$(basename "$2" .ttf).$1"
}
for face in Regular Bold; do
  rewrap woff2 "$ttf/liberation2/LiberationSans-$face.ttf" "$dest/liberation-sans"
  rewrap woff "$ttf/noto/NotoSans-$face.ttf" "$dest/noto-sans"
  rewrap woff "$ttf/noto/NotoSansArabic-$face.ttf" "$dest/noto-sans"
done
cp "$work/x/usr/share/doc/fonts-liberation2/copyright" "$dest/liberation-sans/LICENCE.txt"
cp "$work/x/usr/share/doc/fonts-noto-core/copyright" "$dest/noto-sans/LICENCE.txt"
{
  echo "liberation-sans/: $(dpkg-deb -f "$work"/fonts-liberation2_*.deb Package Version | paste -sd' ')"
  echo "noto-sans/: $(dpkg-deb -f "$work"/fonts-noto-core_*.deb Package Version | paste -sd' ')"
  echo "Both under the SIL Open Font License 1.1 (see LICENCE.txt in each folder)."
} > "$dest/SOURCES.txt"
echo "Vendored fonts into $PWD/$dest"
