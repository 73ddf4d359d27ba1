#!/usr/bin/env bash
# The fast test set: every suite but those tagged endToEnd (the ones that run
# the built binary, tmux or the whole pipeline). CI runs everything (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
AVBROTT_FAST_TESTS=1 exec swift test "$@"
