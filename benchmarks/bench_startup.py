"""Cold start to a usable window, beside a bare PySide6 window started the same way.

    python benchmarks/bench_startup.py [--dir DIR] [--runs N]

Each run is a new Python process, timed from just before it is spawned to the moment the login
dialog has been shown and painted (the first window a clerk can use): the interpreter starting,
townclerk's imports, opening the database, the Qt application with translations and fonts, the
catalog search index and the dialog. The child reports that moment on the system-wide monotonic
clock; the process's own exit (Qt and Python tearing down) is reported apart, as it is not part
of the start. DIR defaults to the 1,000,000-case
database that bench_foundation.py builds; with none there, a fresh demo database is used.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import OUT, report  # noqa: E402

TOWNCLERK = """
import sys
import time
from pathlib import Path
from townclerk.launch import Launch
from townclerk.ui.app import create_application
from townclerk.ui.context import AppContext, DataBus
from townclerk.ui.dialogs.login import LoginDialog
data_dir = Path(sys.argv[1])
app = create_application("zh_CN")
cli = Launch(data_dir=data_dir, url="sqlite:///" + str(data_dir / "townclerk.sqlite3"))
context = AppContext(cli.database(), DataBus())
context.preload_search()
dialog = LoginDialog(context)
dialog.show()
app.processEvents()
dialog.grab()
print(time.monotonic())
"""

BARE = """
import time
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QVBoxLayout
app = QApplication([])
dialog = QDialog()
layout = QVBoxLayout(dialog)
layout.addWidget(QLineEdit())
layout.addWidget(QPushButton("OK"))
dialog.show()
app.processEvents()
dialog.grab()
print(time.monotonic())
"""


def time_process(code: str, *args: str) -> tuple[float, float]:
    """Seconds from spawning to the painted window, and to the process's exit."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.monotonic()
    child = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    exited = time.monotonic()
    shown = float(child.stdout.split()[-1])
    return shown - started, exited - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=OUT / "foundation-1000000")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = args.dir
    if not (folder / "townclerk.sqlite3").exists():
        folder = Path(tempfile.mkdtemp(prefix="townclerk-start-"))
        subprocess.run(
            [sys.executable, "-m", "townclerk", "--data-dir", str(folder), "init", "--demo"],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
        )
        print(f"no large database found; using a fresh demo database in {folder}")
    time_process(TOWNCLERK, str(folder))  # warm the OS file cache once
    ours = [time_process(TOWNCLERK, str(folder)) for _ in range(args.runs)]
    bare = [time_process(BARE) for _ in range(args.runs)]
    print(f"cold start with the database in {folder}, {args.runs} runs")
    report(
        "start to login window painted, median",
        statistics.median(shown for shown, _ in ours),
        "s",
        "<= 1.0 s",
        f"bare PySide6 dialog {statistics.median(shown for shown, _ in bare):.2f} s",
    )
    report(
        "start to login window painted, slowest",
        max(shown for shown, _ in ours),
        "s",
        "",
        f"bare PySide6 dialog {max(shown for shown, _ in bare):.2f} s",
    )
    report(
        "start to process exit (not part of the start)",
        statistics.median(exited for _, exited in ours),
        "s",
        "",
        f"bare PySide6 dialog {statistics.median(exited for _, exited in bare):.2f} s",
    )


if __name__ == "__main__":
    main()
