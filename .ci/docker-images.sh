#!/usr/bin/env bash
# Build the images offline, as CI must (no image registry; no package index inside containers):
#   1. mmdebstrap bootstraps a Debian bookworm base (python3, python3-venv) → docker import,
#   2. the host fills a wheelhouse with `pip download` (reused when it already has the wheels),
#   3. `mlops images build --offline` builds keras, sklearn and tools with --no-index, network none.
# Steps 1-2 run inside step 3 (pipeline_lib/containers/build.py), each timed; images that are up
# to date (same code, same recipe) are skipped. Needs DOCKER_HOST (see .ci/docker-engine.sh).
#
#   .ci/docker-images.sh [NAME ...]      # default: all images
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v mmdebstrap >/dev/null; then
    echo "docker-images: installing mmdebstrap (bootstraps the offline base image)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends mmdebstrap >&2
fi
if [[ -x .venv/bin/python ]]; then
    PY=.venv/bin/python
else
    PY=${PYTHON:-python3}
    export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
fi
started=$SECONDS
"$PY" -m pipeline_lib.cli images build --offline "$@"
echo "docker-images: done in $((SECONDS - started))s" >&2
"$PY" -m pipeline_lib.cli images list
