#!/usr/bin/env bash
# A Docker engine of our own for CI and development: start it when none answers, stop only it.
#
#   eval "$(.ci/docker-engine.sh start)"   # prints `export DOCKER_HOST=unix://…` on stdout
#   .ci/docker-engine.sh stop              # stops the engine `start` started (by its pid), if any
#
# Why its own folder: the engine's data root, exec root, socket, pidfile and log all live under
# $MLOPS_DOCKER_DIR (default /tmp/mlops-docker), so it never meets a system engine's state, and
# `stop` can find exactly the process it started. When an engine already answers ($DOCKER_HOST or
# /var/run/docker.sock) nothing is started and `stop` leaves that engine alone.
#
# Flags and why: overlay2 (fast layers on ext4/xfs), --iptables=false/--ip6tables=false and
# --bridge=none (CI machines have no netfilter to spare and our containers run with
# network_mode=none anyway; builds use no network either).
set -euo pipefail

DIR=${MLOPS_DOCKER_DIR:-/tmp/mlops-docker}
SOCK="$DIR/docker.sock"
PIDFILE="$DIR/dockerd.pid"
LOG="$DIR/dockerd.log"
WAIT=${MLOPS_DOCKER_WAIT:-60}

log() { echo "docker-engine: $*" >&2; }

answers() {  # answers HOST: true when the engine at HOST replies OK to GET /_ping (stdlib only)
    python3 - "$1" <<'EOF' 2>/dev/null
import http.client, socket, sys
host = sys.argv[1]
if host.startswith("unix://"):
    conn = http.client.HTTPConnection("localhost", timeout=5)
    conn.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.sock.settimeout(5)
    conn.sock.connect(host[len("unix://"):])
else:
    conn = http.client.HTTPConnection(host.split("://", 1)[-1], timeout=5)
conn.request("GET", "/_ping")
sys.exit(0 if conn.getresponse().read() == b"OK" else 1)
EOF
}

ours_running() {
    [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

install_engine() {
    command -v dockerd >/dev/null && return 0
    log "no dockerd on this machine: installing Debian's docker.io"
    local started=$SECONDS
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends docker.io >&2
    log "docker.io installed in $((SECONDS - started))s"
}

start() {
    if [[ -n "${DOCKER_HOST:-}" ]] && answers "$DOCKER_HOST"; then
        log "an engine already answers at $DOCKER_HOST; using it (nothing started)"
        echo "export DOCKER_HOST=$DOCKER_HOST"
        return 0
    fi
    if ours_running && answers "unix://$SOCK"; then
        log "our engine (pid $(cat "$PIDFILE")) already answers at unix://$SOCK"
        echo "export DOCKER_HOST=unix://$SOCK"
        return 0
    fi
    if [[ -S /var/run/docker.sock ]] && answers "unix:///var/run/docker.sock"; then
        log "the system engine answers at unix:///var/run/docker.sock; using it (nothing started)"
        echo "export DOCKER_HOST=unix:///var/run/docker.sock"
        return 0
    fi
    install_engine
    mkdir -p "$DIR/data" "$DIR/exec"
    rm -f "$SOCK" "$PIDFILE"
    local started=$SECONDS
    # setsid: the engine outlives this script and gets no signal meant for CI's process group.
    setsid dockerd \
        --storage-driver=overlay2 --iptables=false --ip6tables=false --bridge=none \
        --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$PIDFILE" \
        -H "unix://$SOCK" >"$LOG" 2>&1 </dev/null &
    local pid=$!
    until answers "unix://$SOCK"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "dockerd exited at start; last lines of $LOG:"
            tail -n 20 "$LOG" >&2
            return 1
        fi
        if (( SECONDS - started > WAIT )); then
            log "dockerd (pid $pid) did not answer within ${WAIT}s; see $LOG"
            kill "$pid" 2>/dev/null || true
            return 1
        fi
        sleep 0.5
    done
    echo "$pid" >"$DIR/started-by-us.pid"
    log "dockerd (pid $pid) answers at unix://$SOCK after $((SECONDS - started))s (log: $LOG)"
    echo "export DOCKER_HOST=unix://$SOCK"
}

stop() {
    local marker="$DIR/started-by-us.pid"
    if [[ ! -f "$marker" ]]; then
        log "no engine started by this script under $DIR; nothing to stop"
        return 0
    fi
    local pid
    pid=$(cat "$marker")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "dockerd (pid $pid) still running after 30s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        log "stopped dockerd (pid $pid)"
    else
        log "dockerd (pid $pid) had already exited"
    fi
    rm -f "$marker"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop   (state under \$MLOPS_DOCKER_DIR, default /tmp/mlops-docker)" >&2; exit 2 ;;
esac
