"""The sandbox's download guard explains a failed download once, however the script downloads."""

from __future__ import annotations

import socket
import subprocess
import sys

from tests.cli_helpers import ROOT

_PROBE = """
import sys, urllib.error, urllib.request
from pipeline_lib.runtime.downloads import NO_NETWORK_HINT, install_download_guard
install_download_guard([])
for fetch in (urllib.request.urlopen, lambda url: urllib.request.urlretrieve(url, "/dev/null")):
    try:
        fetch(sys.argv[1])
    except urllib.error.URLError as exc:
        print(str(exc.reason).count(NO_NETWORK_HINT), sys.argv[1] in str(exc.reason))
"""


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_urlretrieve_and_urlopen_say_what_to_do_exactly_once() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/mnist.npz"
    proc = subprocess.run([sys.executable, "-c", _PROBE, url], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["1 True", "1 True"], proc.stdout
