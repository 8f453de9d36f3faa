"""Apply a :class:`~pipeline_lib.executors.sandbox.SandboxPlan`, then run the worker in it.

``python -m pipeline_lib.executors.confine PLAN_JSON -- COMMAND...`` runs inside the new
namespaces that ``unshare`` made (or with none). As the namespace's first process it stays
the caller's user and only waits: it covers the host's home, the runs root and the temporary
folders with empty tmpfs (mounting back what the worker needs), mounts the pushed code and
every other mount read-only (the run directory, HOME and the tmpfs stay writable), makes the
private HOME, forks, and the child sets the limits, drops every
capability (and, as root, to the run's uid) and execs the worker. When it exits the kernel kills every process left in the PID namespace, so nothing
the script started survives the worker.

Exit status: the worker's; a worker killed by signal N gives 128+N (a PID-namespace init
cannot die of a signal it sends itself); 125 when the plan could not be applied.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import resource
import signal
import sys
from typing import Any

from pipeline_lib.console import say

__all__ = ["main"]

_PR_SET_PDEATHSIG, _PR_SET_NO_NEW_PRIVS = 1, 38
_CANNOT_APPLY = 125


def _fail(message: str) -> int:
    say(f"sandbox: {message}", err=True)
    return _CANNOT_APPLY


_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REMOUNT, _MS_BIND, _MS_REC = 1, 2, 4, 8, 32, 4096, 16384
_MS_NOATIME, _MS_NODIRATIME, _MS_RELATIME = 1024, 2048, 1 << 21
_PR_CAPBSET_DROP = 24
_LIBC = ctypes.CDLL(None, use_errno=True)


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    """mount(2) itself: a bind source may be ``/proc/self/fd/N`` of a folder now covered."""
    code = _LIBC.mount(source.encode() if source else None, target.encode(), fstype.encode() if fstype else None,
                       flags, data.encode() if data else None)
    if code != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"mount {source or ''} on {target}: {os.strerror(errno)}")


def _bind(fd_or_path: int | str, target: str, read_only: bool) -> None:
    source = f"/proc/self/fd/{fd_or_path}" if isinstance(fd_or_path, int) else fd_or_path
    _mount(source, target, None, _MS_BIND | _MS_REC)
    if read_only:
        _mount(None, target, None, _MS_BIND | _MS_REMOUNT | _MS_RDONLY | _MS_NOSUID | _MS_NODEV)


def _cover(overlay: dict[str, Any]) -> None:
    """An empty tmpfs over ``overlay["path"]``; the kept paths below it are mounted back in place."""
    kept = [(path, bool(ro), os.open(path, os.O_PATH)) for path, ro in overlay["keep"]]
    _mount("tmpfs", overlay["path"], "tmpfs", _MS_NOSUID | _MS_NODEV,
           f"size={int(overlay['size'])},mode={int(overlay['mode']):o}")
    for path, read_only, fd in kept:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            os.makedirs(path, mode=0o755, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
            open(path, "a").close()
        _bind(fd, path, read_only)
        os.close(fd)


def _inside(path: str, folders: list[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


def _freeze(writable: list[str]) -> None:
    """Every mount but ``writable`` (and /proc, /sys, /dev) becomes read-only, flags kept.

    Why flags kept: inside a user namespace a remount may add ``ro`` but never clear the
    ``nosuid``/``nodev``/``noexec``/atime flags it inherited.
    """
    lines = open("/proc/self/mountinfo").read().splitlines()
    points = [line.split()[4].encode().decode("unicode_escape") for line in lines]
    for point in points:
        if _inside(point, ["/proc", "/sys", "/dev"]) or _inside(point, writable):
            continue
        try:
            flags = os.statvfs(point).f_flag
        except OSError:
            continue  # under a cover now: out of reach anyway
        if flags & os.ST_RDONLY:
            continue
        kept = flags & (_MS_NOSUID | _MS_NODEV | _MS_NOEXEC | _MS_NOATIME | _MS_NODIRATIME)
        kept |= _MS_RELATIME if flags & os.ST_RELATIME else 0
        _mount(None, point, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | kept)


def _prepare(plan: dict[str, Any]) -> None:
    """As the namespace's first process: covers, private HOME, read-only source, read-only rest."""
    mounts = plan["overlays"] or plan["writable"] or plan["read_only"] or plan.get("freeze")
    if mounts and os.getpid() != 1:  # (dataset caches are symlinked there instead)
        # Only the first process of the namespaces unshare made may mount: never the host's.
        raise OSError("refusing to mount: not the first process of a new PID and mount namespace")
    seeds = {}
    for source, target in plan.get("seeds", {}).items():
        with contextlib.suppress(OSError):
            seeds[target] = open(source, "rb").read()
    in_namespace = os.getpid() == 1
    caches = {target: os.open(source, os.O_PATH) if in_namespace else source
              for target, source in plan.get("caches", {}).items() if os.path.isdir(source)}
    for overlay in plan["overlays"]:
        _cover(overlay)
    covers = [overlay["path"] for overlay in plan["overlays"]]
    home = plan["home"]
    os.makedirs(home, mode=0o700, exist_ok=True)
    for target, data in seeds.items():
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
    for target, source in caches.items():  # folders first, so the run's uid owns them; mounts after
        os.makedirs(target if isinstance(source, int) else os.path.dirname(target), exist_ok=True)
    if plan.get("uid") is not None:
        for folder, dirs, files in os.walk(home):
            for name in (folder, *(os.path.join(folder, n) for n in (*dirs, *files))):
                os.lchown(name, int(plan["uid"]), int(plan["uid"]))
    for target, source in caches.items():
        if isinstance(source, int):
            _bind(source, target, True)
            os.close(source)
        else:
            os.symlink(source, target)
    for path in plan["writable"]:
        if not _inside(path, covers):
            _bind(path, path, False)  # its own mount, so it stays writable when the rest freezes
    for folder in plan["read_only"]:
        _bind(folder, folder, True)
    if plan.get("freeze"):
        _freeze(covers + list(plan["writable"]))


def _confine_self(plan: dict[str, Any], parent: int) -> None:
    """In the worker's process, before exec: limits, then the run's uid with nothing to regain."""
    for name, value in plan["limits"].items():
        resource.setrlimit(getattr(resource, name), (int(value), int(value)))
    if plan.get("drop_caps"):
        last = int(open("/proc/sys/kernel/cap_last_cap").read())
        for cap in range(last + 1):
            if _LIBC.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), f"prctl(PR_CAPBSET_DROP, {cap}) failed")
    uid = plan.get("uid")
    if uid is not None:
        os.setgroups([])
        os.setresgid(int(uid), int(uid), int(uid))
        os.setresuid(int(uid), int(uid), int(uid))
    if _LIBC.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    # Dies with us when we are killed (a uid change clears this setting, so it comes after it).
    _LIBC.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        raise OSError("the sandbox's first process is gone")
    if plan.get("workdir"):
        os.chdir(plan["workdir"])


def _supervise_child(pid: int) -> int:
    """Reap every process (orphans come to us) until the worker exits; forward SIGTERM/SIGINT."""
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, lambda signum, _frame: os.kill(pid, signum))
    while True:
        try:
            done, status = os.wait()
        except ChildProcessError:
            return 1
        except InterruptedError:
            continue
        if done == pid:
            return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3 or args[1] != "--":
        return _fail("usage: python -m pipeline_lib.executors.confine PLAN_JSON -- COMMAND...")
    plan, command = json.loads(args[0]), args[2:]
    try:
        _prepare(plan)
    except OSError as exc:
        return _fail(f"could not prepare the sandbox: {exc}")
    sys.stdout.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        try:
            _confine_self(plan, parent)
            os.execvp(command[0], command)
        except OSError as exc:
            say(f"sandbox: could not start {command[0]} confined: {exc}", err=True)
        os._exit(_CANNOT_APPLY)
    return _supervise_child(pid)


if __name__ == "__main__":
    sys.exit(main())
