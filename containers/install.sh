#!/bin/sh
# Build steps shared by every image (keras, sklearn, tools), run inside `docker build`.
#
#   install.sh deps      create the virtualenv /opt/mlops and install wheels/deps/requirements.txt
#   install.sh project   install this repository's wheel (wheels/project/*.whl) into it, no deps
#   install.sh user      create the non-root user mlops (uid/gid 1000) without useradd
#
# Why a script: the three Dockerfiles differ only in what they install; the steps themselves
# live here once. PIP_OPTIONS is "--no-index" for offline builds (every wheel comes from the
# wheelhouse that `mlops images build --offline` prepared on the host) and empty otherwise.
# Nothing here needs more than POSIX sh and python3 with venv: it runs on python:3.11-slim
# and on a Debian base bootstrapped with mmdebstrap alike.
set -eu

VENV=/opt/mlops
WHEELS=/build/wheels

case "${1:-}" in
    deps)
        python3 -m venv "$VENV"
        # shellcheck disable=SC2086  # PIP_OPTIONS holds zero or more options on purpose
        "$VENV/bin/pip" install --no-cache-dir --disable-pip-version-check ${PIP_OPTIONS:-} \
            --only-binary=:all: --find-links "$WHEELS/deps" -r "$WHEELS/deps/requirements.txt"
        ;;
    project)
        "$VENV/bin/pip" install --no-cache-dir --disable-pip-version-check --no-index --no-deps \
            "$WHEELS"/project/*.whl
        "$VENV/bin/python" -c "import pipeline_lib, sys; print('installed pipeline_lib', pipeline_lib.__version__, 'for Python', sys.version.split()[0])"
        ;;
    user)
        # Written directly: minimal bases may lack useradd, and the uid must be 1000 everywhere
        # (the Docker executor runs as 1000:1000 when the host user is root; see docs/CONTAINERS.md).
        grep -q '^mlops:' /etc/group || echo 'mlops:x:1000:' >>/etc/group
        grep -q '^mlops:' /etc/passwd || echo 'mlops:x:1000:1000:mlops:/home/mlops:/usr/sbin/nologin' >>/etc/passwd
        mkdir -p /home/mlops /workspace /runs
        chown 1000:1000 /home/mlops /runs
        ;;
    *)
        echo "usage: install.sh deps|project|user" >&2
        exit 2
        ;;
esac
