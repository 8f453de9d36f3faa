#!/bin/sh
# `ps` and `kill` for the tools image, whose minimal base has no procps. Installed as /usr/local/bin/ps and
# /usr/local/bin/kill; the name it is called by picks the tool.
#
# Why: Jenkins' Docker Pipeline stops an aborted step inside a container with `ps -A -o pid,command e`
# (every process with its command line and environment, to find the step's processes by their
# JENKINS_SERVER_COOKIE) and then `kill PID...`. Without them only `docker stop` ends the step, by SIGKILL,
# and `mlops` gets no chance to stop the training container it started. Only those forms are supported:
#   ps [-A] [-o pid,command] [e]      all processes; `e` appends each one's environment
#   kill [-SIGNAL] PID...             SIGTERM unless a signal (name or number) is given
set -eu
case "${0##*/}" in
    ps)
        exec /opt/mlops/bin/python - "$@" <<'PY'
import os
import sys

with_env = "e" in sys.argv[1:]
print("    PID COMMAND")
for pid in sorted(int(name) for name in os.listdir("/proc") if name.isdigit()):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            command = handle.read()
        environ = b""
        if with_env:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                environ = handle.read()
    except OSError:
        continue
    text = b" ".join(part for part in (command, environ) if part).replace(b"\0", b" ").strip()
    print(f"{pid:7d} {text.decode('utf-8', 'replace')}")
PY
        ;;
    kill)
        exec /opt/mlops/bin/python - "$@" <<'PY'
import os
import signal
import sys

sig, status = signal.SIGTERM, 0
for arg in sys.argv[1:]:
    if arg.startswith("-"):
        name = arg[1:]
        sig = signal.Signals(int(name)) if name.isdigit() else signal.Signals["SIG" + name.upper().removeprefix("SIG")]
        continue
    try:
        os.kill(int(arg), sig)
    except (OSError, ValueError) as exc:
        print(f"kill: {arg}: {exc}", file=sys.stderr)
        status = 1
sys.exit(status)
PY
        ;;
    *)
        echo "proctools.sh: call it as ps or kill" >&2
        exit 2
        ;;
esac
