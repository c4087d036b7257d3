"""The architecture of DESIGN §3 is checked by the build (import-linter, pyproject.toml), and the
check bites: a module of core that imports a domain app breaks it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_are_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_core_module_importing_a_domain_app_breaks_the_contract(tmp_path):
    copy = tmp_path / "tree"
    shutil.copytree(ROOT / "valo", copy / "valo", ignore=shutil.ignore_patterns("locale", "static"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "valo" / "core" / "probe.py").write_text("import valo.patents.models  # noqa\n")
    result = lint(copy)
    assert result.returncode != 0
    assert "valo.core.probe -> valo.patents" in result.stdout
