#!/usr/bin/env bash
# Installs the Debian packages Avbrott builds and runs with (as root, or with sudo).
set -euo pipefail

packages=(
  libhpdf-dev            # libharu: PDF printing
  libleptonica-dev       # Leptonica: reading and transforming scans
  libtesseract-dev       # Tesseract: printed and typed text
  tesseract-ocr-swe      # Swedish language data for Tesseract
  tesseract-ocr          # the tesseract command: `benchmark ingest --tesseract-page` compares with it
  libqrencode-dev        # QR codes on every sheet
  libzbar-dev            # reading the QR codes back
  libsqlite3-dev         # the workspace database (GRDB)
  fonts-dejavu-core      # the font embedded in every PDF
  icc-profiles-free      # Gray.icc: the output intent of the PDF/A client documents
  libpoppler-glib-dev    # poppler: PDF scans rendered in memory, page by page
  poppler-utils          # pdftotext, pdffonts, pdftoppm: the tests read the printed PDFs with them
  zbar-tools             # zbarimg, used by the tests
  imagemagick            # test fixtures
  fonts-urw-base35       # the script fonts ImageMagick draws "handwriting" with in tests
  fonts-dkg-handwriting  # a handwriting font for names the reader must doubt (review tests)
  libsixel-bin           # sixel2png: the review's sixel images are decoded in tests
  tmux                   # driving the review screen in tests
  sqlite3                # inspecting workspaces in tests
  qpdf                   # tests: an encrypted PDF
  faketime               # tests: dates on paper do not depend on the clock
  dpkg-dev               # dpkg-shlibdeps: the package's Depends (scripts/build-deb.sh)
  lintian                # checking the package (scripts/test-deb.sh)
  man-db                 # man -l on the package's manual pages
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Alla Debianpaket finns redan."
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
