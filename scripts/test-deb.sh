#!/usr/bin/env bash
# Builds the package, installs it as IT would, uses it outside the
# repository, and removes it leaving nothing behind. Run as root on a machine
# where avbrott is not installed (CI; needs the Debian registry for
# apt-get -f install).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
if dpkg-query -W avbrott > /dev/null 2>&1; then
  echo "avbrott is already installed as a package; remove it first (dpkg --purge avbrott)" >&2
  exit 1
fi
deb="$(scripts/build-deb.sh "$repo/out" | tail -n 1)"
echo "== $deb"
lintian --fail-on error,warning "$deb"

dpkg -i "$deb" || apt-get -f install -y -qq
installed="$(dpkg -L avbrott)"
trap 'dpkg --purge avbrott > /dev/null 2>&1 || true' EXIT

work="$(mktemp -d)"
cd "$work"
cp -r "$repo/SampleScans" samples
command -v avbrott | grep -qx /usr/bin/avbrott
avbrott --version | grep -q "^avbrott "
avbrott --version | grep -q "/usr/share/avbrott/Forms"
avbrott print --binder-id K7M3QX -o binder.pdf
test "$(stat -c %a binder.pdf)" = 600
avbrott outage --workspace ws --start 2026-10-12 --end 2026-10-16 > /dev/null
set +e
avbrott ingest --workspace ws samples/[0-9][0-9]-* > ingest.txt 2> ingest.err
status=$?
set -e
# The samples hold a foreign page on purpose: exit status 1, everything else read.
test "$status" = 1
grep -q "42 nya poster" ingest.txt
avbrott status --workspace ws > /dev/null
man -l /usr/share/man/man1/avbrott.1.gz | grep -q "NAMN"
man -l /usr/share/man/man1/avbrott-worklist.1.gz | grep -q "avbrott worklist"
bash -c 'source /usr/share/bash-completion/completions/avbrott && complete -p avbrott' | grep -q avbrott

dpkg --purge avbrott > /dev/null
trap - EXIT
left=0
while IFS= read -r path; do
  if [ -f "$path" ] || [ -L "$path" ]; then echo "left behind: $path" >&2; left=1; fi
done <<< "$installed"
test ! -e /usr/share/avbrott
test "$left" = 0
cd /
rm -rf "$work"
echo "The package installs, prints, reads the samples, has its manual and completions, and purges cleanly."
