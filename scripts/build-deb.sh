#!/usr/bin/env bash
# Builds avbrott_<version>_amd64.deb from a clean clone:
#   scripts/build-deb.sh [OUTDIR]      (default: out/)
# The Swift runtime is linked statically, so the machine it is installed on
# needs no toolchain. The version is the binary's own (`avbrott --version`,
# Sources/Platform/ProgramVersion.swift), Depends comes from the libraries the
# binary links (dpkg-shlibdeps) plus the data it reads at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
outdir="${1:-out}"

swift build -c release --product avbrott --static-swift-stdlib
bin=".build/release/avbrott"
version="$("$bin" --version | head -n 1 | cut -d ' ' -f 2)"
arch="$(dpkg --print-architecture)"
stage=".build/deb"
root="$stage/avbrott_${version}_${arch}"
rm -rf "$stage"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/avbrott" "$root/usr/share/man/man1" \
  "$root/usr/share/doc/avbrott" "$root/usr/share/bash-completion/completions" \
  "$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d"

install -m 0755 "$bin" "$root/usr/bin/avbrott"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/avbrott"

# The forms, the example unit, the binder's text; earlier form versions in Forms/versions.
cp -r Forms "$root/usr/share/avbrott/Forms"

# Manual pages and completions, from the command definitions themselves.
python3 scripts/make-manpages.py "$bin" "$stage/man" > /dev/null
for page in "$stage"/man/*.1; do gzip -9n -c "$page" > "$root/usr/share/man/man1/$(basename "$page").gz"; done
# bash-completion sources the file: no #! line.
"$bin" --generate-completion-script bash | sed '1{/^#!/d}' > "$root/usr/share/bash-completion/completions/avbrott"
"$bin" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_avbrott"
"$bin" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/avbrott.fish"

# Documentation: copyright and the changelog (packaging/changelog says which forms changed).
cat > "$root/usr/share/doc/avbrott/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: avbrott
Source: https://github.com/avbrott/avbrott

Files: *
Copyright: 2026 Avbrott contributors
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy
 of this software and associated documentation files (the "Software"), to deal
 in the Software without restriction, including without limitation the rights
 to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 copies of the Software, and to permit persons to whom the Software is
 furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in
 all copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
 SOFTWARE.
COPYRIGHT
head -n 1 packaging/changelog | grep -q "($version)" || { echo "packaging/changelog has no entry for $version" >&2; exit 1; }
# A form whose version went up must be named in the changelog: IT reads there which sheets changed.
for form in Forms/*.yaml; do
  id="$(sed -n 's/^id: *//p' "$form")"
  v="$(sed -n 's/^version: *//p' "$form")"
  if [ "$v" -gt 1 ] && ! grep -q "$id version $v" packaging/changelog; then
    echo "packaging/changelog does not say that $id changed to version $v" >&2
    exit 1
  fi
done
gzip -9n -c packaging/changelog > "$root/usr/share/doc/avbrott/changelog.gz"

# Yams (the YAML parser, a Swift package) carries its own copy of libyaml,
# linked into the binary like every Swift package: said once, for lintian.
mkdir -p "$root/usr/share/lintian/overrides"
cat > "$root/usr/share/lintian/overrides/avbrott" <<OVERRIDES
# Yams (swift package) compiles its bundled libyaml into the static binary;
# Swift packages are linked statically, there is no shared libyaml to use.
avbrott: embedded-library libyaml [usr/bin/avbrott]
OVERRIDES

# Depends: the shared libraries the binary links, found by dpkg-shlibdeps
# (it wants a debian/control beside it), and the data it opens at run time.
mkdir -p "$stage/shlibs/debian"
printf 'Source: avbrott\n\nPackage: avbrott\nArchitecture: any\n' > "$stage/shlibs/debian/control"
linked="$(cd "$stage/shlibs" && dpkg-shlibdeps -O "$OLDPWD/$root/usr/bin/avbrott" 2> /dev/null | sed -n 's/^shlibs:Depends=//p')"
runtime="tesseract-ocr-swe, fonts-dejavu-core, icc-profiles-free"
size="$(du -sk --exclude=DEBIAN "$root" | cut -f 1)"
cat > "$root/DEBIAN/control" <<CONTROL
Package: avbrott
Version: $version
Architecture: $arch
Maintainer: Avbrott <avbrott@exempelby.invalid>
Installed-Size: $size
Depends: $linked, $runtime
Section: utils
Priority: optional
Homepage: https://github.com/avbrott/avbrott
Description: continuity binder for social services during system outages
 Prints the binder of forms and instructions a Swedish social-services
 office works with on paper while its case-management systems are down,
 reads the filled-in sheets back from scans, lets clerks review every draft,
 and tells them what to register where and by when afterwards.
CONTROL
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 0755 {} +
find "$root/usr/share" -type f -exec chmod 0644 {} +
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

mkdir -p "$outdir"
deb="$outdir/avbrott_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" > /dev/null
echo "$deb"
