#!/usr/bin/env bash
# Regenerates the demo ledger samples/整改台账示例.xlsx from its source, the flat ODS
# samples/src/整改台账示例.fods, with LibreOffice — so the sample is a file a real office suite
# wrote (shared strings, styles, merged cells, date formats), not one our own code produced.
# The e2e fixtures under test/fixtures/ are made the same way (see test/fixtures/README.md).
#
# Usage: scripts/make-sample.sh            (needs `soffice` on PATH: LibreOffice 7 or later)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1; then
  echo "soffice (LibreOffice) not found / 找不到 soffice（LibreOffice）" >&2
  exit 2
fi

# A private profile, so a running LibreOffice or a first-start dialog cannot interfere.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
convert() { # convert SOURCE OUTDIR
  local filter=()
  # CSV: comma-separated, double-quoted, UTF-8 (character set 76), starting at line 1.
  case "$1" in *.csv) filter=(--infilter=CSV:44,34,76,1) ;; esac
  soffice -env:UserInstallation="file://$profile" --headless "${filter[@]}" --convert-to xlsx --outdir "$2" "$1" >/dev/null
}

convert "samples/src/整改台账示例.fods" samples
for source in test/fixtures/src/*.fods test/fixtures/src/*.csv; do
  [ -e "$source" ] || continue
  convert "$source" test/fixtures
done
ls -l samples/*.xlsx test/fixtures/*.xlsx 2>/dev/null || true
