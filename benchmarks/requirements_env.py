"""What a pushed requirements.txt and a fetched data set cost a run: first time, cached, satisfied.

Run: ``python benchmarks/requirements_env.py [--repeat 3] [--no-docker]``. Everything is served
from 127.0.0.1 (a PEP 503 folder index with a wheel built here, and a folder mirror with a
generated 11 MiB file), in a private cache folder, so nothing of this machine's caches is used.
Prints one Markdown table of medians: the seconds :mod:`pipeline_lib.containers.requirements`
and :func:`pipeline_lib.datacache.fetch_file` take, per case.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline_lib.containers import requirements as env  # noqa: E402
from pipeline_lib.datacache import fetch_file  # noqa: E402
from tests.requirements.conftest import PACKAGE, build_wheel  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _serve(folder: Path) -> str:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-docker", action="store_true")
    args = parser.parse_args()
    rows: dict[str, list[float]] = {}
    statuses: dict[str, str] = {}

    def record(case: str, seconds: float, status: str) -> None:
        rows.setdefault(case, []).append(seconds)
        statuses[case] = status

    for attempt in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="mlops-bench-req-") as tmp:
            root = Path(tmp)
            build_wheel(root / "index" / "simple" / PACKAGE)
            url = _serve(root / "index")
            os.environ.update({"PIP_INDEX_URL": f"{url}/simple", "PIP_CONFIG_FILE": os.devnull, "PIP_FIND_LINKS": "",
                               "PIP_NO_CACHE_DIR": "1", "XDG_CACHE_HOME": str(root / "cache")})
            os.environ.pop("PIP_EXTRA_INDEX_URL", None)
            needs = root / "a" / "requirements.txt"
            needs.parent.mkdir()
            # A fresh version per attempt: the derived image of an earlier attempt must not be a cache hit.
            needs.write_text(f"{PACKAGE}==1.0\n# attempt {attempt} {time.time()}\n")
            has = root / "b" / "requirements.txt"
            has.parent.mkdir()
            has.write_text("numpy\njinja2\n")
            for case, path in (("local: first run (pip install --prefix)", needs), ("local: second run", needs),
                               ("local: every line already installed", has)):
                seconds, got = _timed(lambda p=path: env._local(p, sys.executable))  # type: ignore[misc]
                record(case, seconds, getattr(got, "status", "?"))
            if not args.no_docker:
                from pipeline_lib.executors.docker import DockerExecutor
                from pipeline_lib.images import image_for_kind

                executor = DockerExecutor(image=image_for_kind("cnn"))
                for case, path in (("docker: first run (derived image)", needs), ("docker: second run", needs),
                                   ("docker: every line in the image", has)):
                    seconds, got = _timed(lambda p=path: env._docker(p, executor))  # type: ignore[misc]
                    record(case, seconds, getattr(got, "status", "?"))
                    if case.endswith("second run"):
                        executor.client.images.remove(str(getattr(got, "image")))
            data = os.urandom(11 * 2**20)
            (root / "mirror").mkdir()
            (root / "mirror" / "mnist.npz").write_bytes(data)
            mirror = _serve(root / "mirror")
            import hashlib

            digest = hashlib.sha256(data).hexdigest()
            for case in ("data set 11 MiB: download + sha256", "data set 11 MiB: cached (sha256 only)"):
                seconds, got = _timed(lambda: fetch_file("mnist.npz", f"{mirror}/mnist.npz", digest,
                                                         root=root / "keras", say=lambda _: None))
                record(case, seconds, getattr(got, "status", "?"))
    print(f"machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores; {args.repeat} attempt(s), medians\n")
    print("| case | status | seconds |\n|---|---|---:|")
    for case, values in rows.items():
        print(f"| {case} | {statuses[case]} | {statistics.median(values):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
