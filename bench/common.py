"""What the benchmark's modules share: where things are, and how it talks."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
VAR = Path(os.environ.get("BENCH_DIR") or ROOT / "var" / "bench").resolve()


def say(text: str) -> None:
    print(text, flush=True)
