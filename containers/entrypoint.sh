#!/bin/sh
# mlops-train: the entrypoint of the training images.
#
# No command: train the code mounted at /workspace, writing runs to /runs ($MLOPS_RUNS_DIR):
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD":/workspace:ro -v "$PWD/runs":/runs mlops/keras:0.1.0
# A command: run it as given (the pipeline's Docker executor passes the training worker's argv).
set -eu

if [ "$#" -gt 0 ]; then
    exec "$@"
fi
if [ ! -d /workspace ] || [ -z "$(ls -A /workspace 2>/dev/null)" ]; then
    echo "mlops-train: nothing to train: mount your code at /workspace, for example" >&2
    echo "  docker run --rm -u \"\$(id -u):\$(id -g)\" -v \"\$PWD\":/workspace:ro -v \"\$PWD/runs\":/runs IMAGE" >&2
    exit 2
fi
runs=${MLOPS_RUNS_DIR:-/runs}
if ! ( mkdir -p "$runs" && [ -w "$runs" ] ); then
    echo "mlops-train: $runs is not writable by uid $(id -u): mount a writable folder there" >&2
    echo "  (run as your own user with -u \"\$(id -u):\$(id -g)\", or chown the folder to 1000:1000)" >&2
    exit 2
fi
exec mlops run /workspace --runs-dir "$runs"
