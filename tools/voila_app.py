"""Open a lesson as an app: Voila in tree mode on the lesson's folder, at the lesson's page.

``make app`` and ``make report`` run this. Voila started on a single notebook serves only that
notebook, so every link to another lesson (the course map, previous/next, the glossary) answers
403. Started on the folder (tree mode), Voila serves every lesson at
``/voila/render/<lesson>.ipynb`` and the links between them work; this script starts it that way
and opens the browser at the chosen lesson instead of the folder listing.

    python tools/voila_app.py notebooks/00_start_here.ipynb [--port 8866] [--no-browser]
        [any other Voila option, e.g. --Voila.ip=0.0.0.0 --theme=dark]

Every page load still starts its own kernel; nothing is saved. Ctrl-C stops Voila.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import webbrowser
from pathlib import Path
from urllib.parse import quote

DEFAULT_PORT = 8866  # Voila's own default
READY_TIMEOUT_S = 60.0


def free_port(start: int = DEFAULT_PORT, tries: int = 50) -> int:
    """The first port from ``start`` that nothing listens on (as Voila's own port search)."""
    for port in range(start, start + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port in {start}-{start + tries - 1}; pass --port")


def app_command(notebook: Path, port: int, extra: list[str]) -> list[str]:
    """The Voila command line: tree mode on the notebook's folder, no browser of its own."""
    return [sys.executable, "-m", "voila", str(notebook.parent), "--no-browser",
            f"--port={port}", *extra]


def app_url(notebook: Path, port: int, host: str = "localhost") -> str:
    """Where the lesson's page is served in tree mode."""
    return f"http://{host}:{port}/voila/render/{quote(notebook.name)}"


def wait_ready(proc: subprocess.Popen, port: int, timeout: float = READY_TIMEOUT_S) -> None:
    """Wait until Voila answers on ``port`` (the folder listing, which starts no kernel)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Voila stopped (exit code {proc.returncode}) before it was ready")
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"Voila did not answer on port {port} within {timeout:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", type=Path, help="the lesson to open first")
    parser.add_argument("--port", type=int, default=None, help="port (default: 8866 or next free)")
    parser.add_argument("--no-browser", action="store_true", help="only print the address")
    args, extra = parser.parse_known_args(argv)
    notebook = args.notebook
    if notebook.suffix != ".ipynb" or not notebook.is_file():
        parser.error(f"{notebook} is not a notebook file")
    port = args.port or free_port()
    proc = subprocess.Popen(app_command(notebook, port, extra))
    try:
        wait_ready(proc, port)
        url = app_url(notebook, port)
        print(f"\nThe course as an app: {url}\n(every lesson of {notebook.parent}/ is served; "
              "Ctrl-C stops it)\n", flush=True)
        if not args.no_browser:
            webbrowser.open(url)
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    sys.exit(main())
