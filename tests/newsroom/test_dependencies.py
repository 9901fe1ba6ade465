"""Production installs get what runs the site and nothing that only tests or lints it."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        if line and not line.startswith(("#", "-r")):
            package, version = line.split("==")
            pins[_normal(package)] = version
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", re.sub(r"\[.*\]", "", name)).lower()


def _requirements(group: list[str]) -> dict[str, str]:
    return {_normal(req.split("==")[0]): req.split("==")[1] for req in group}


def test_production_lock_pins_every_dependency_and_no_dev_tool():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    production = _pins("requirements.lock")
    for package, version in _requirements(project["project"]["dependencies"]).items():
        assert production.get(package) == version, package
    for tool in _requirements(project["dependency-groups"]["dev"]):
        assert tool not in production, f"{tool} would be installed in production"


def test_development_lock_adds_the_dev_group_on_top_of_production():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    development = (ROOT / "requirements-dev.lock").read_text().splitlines()
    assert development[0] == "-r requirements.lock"
    extra = _pins("requirements-dev.lock")
    assert not set(extra) & set(_pins("requirements.lock")), "a production pin is overridden"
    for package, version in _requirements(project["dependency-groups"]["dev"]).items():
        assert extra.get(package) == version, package
