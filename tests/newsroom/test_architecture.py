"""The allowed directions between the apps are written down and hold
(README, "Architecture"); `make lint` runs the same check."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _contracts():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def test_contracts_encode_the_directions_between_apps():
    layers = [c for c in _contracts() if c["type"] == "layers"]
    assert [c["layers"] for c in layers] == [["comments | newsletter", "articles", "newsroom"]]
    assert not any(c.get("ignore_imports") for c in _contracts()), "no exceptions to the rules"
    acyclic = [c for c in _contracts() if c["type"] == "acyclic_siblings"]
    assert set(acyclic[0]["ancestors"]) == {"newsroom", "articles", "comments", "newsletter"}


def test_the_code_keeps_the_contracts():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    result = subprocess.run(  # noqa: S603 (our own venv's tool, fixed arguments)
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
