#!/usr/bin/env bash
# Lint a Jenkinsfile with npm-groovy-lint 15 (CodeNarc); fails on any warning or error.
#
# Usage: .ci/lint-groovy.sh [FILE]   (default: the repository's Jenkinsfile)
# Installs npm-groovy-lint into a cache folder outside the repository when it is missing
# (GROOVY_LINT_DIR, default ~/.cache/mlops-groovy-lint), so no node_modules is committed.
# Needs Node 20+ with npm, and Java. Exit status: 0 clean, 1 findings, 2 the linter is unavailable.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
file="$(realpath "${1:-$root/Jenkinsfile}")"
LINT_DIR="${GROOVY_LINT_DIR:-$HOME/.cache/mlops-groovy-lint}"
LINT="$LINT_DIR/node_modules/.bin/npm-groovy-lint"
for tool in npm java; do
    command -v "$tool" >/dev/null || { echo "lint-groovy: $tool not found; install Node 20+ (npm) and Java" >&2; exit 2; }
done
[ -f "$file" ] || { echo "lint-groovy: $file: no such file" >&2; exit 2; }
if [ ! -x "$LINT" ]; then
    echo "lint-groovy: installing npm-groovy-lint@15 into $LINT_DIR" >&2
    mkdir -p "$LINT_DIR"
    npm install --prefix "$LINT_DIR" --no-audit --no-fund --loglevel=error npm-groovy-lint@15 >&2 \
        || { echo "lint-groovy: could not install npm-groovy-lint@15 (is the npm registry reachable?)" >&2; exit 2; }
fi
# Lint a copy alone in a scratch folder: CodeNarc treats the argument as a pattern and walks
# the working directory for it (an absolute path makes it walk the whole disk).
# --noserver: leave no CodeNarc server running afterwards.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp "$file" "$scratch/Jenkinsfile"
cd "$scratch"
"$LINT" --noserver --failon warning Jenkinsfile
