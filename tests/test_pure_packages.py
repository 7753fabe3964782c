"""The pure packages import no Django: they can be read, run and tested without a site.

One check for all of them, in a fresh interpreter, over every module of each (a module added
later is covered too). `make check` also holds the layers with import-linter (pyproject.toml),
which sees imports inside functions as well.
"""

from __future__ import annotations

import subprocess
import sys

PURE = [
    "livingwell.codes",
    "livingwell.instruments",
    "livingwell.analytics",
    "livingwell.simulation",
    "livingwell.synthetic",
    "livingwell.plans.fhir",
]
PURE_MODULES = [
    "livingwell.plans.passport",
    "livingwell.plans.history",
    "livingwell.access.rules",
    "livingwell.network.words",
    "livingwell.network.geography",
    "livingwell.network.opening",
    "livingwell.network.taxonomies",
    "livingwell.network.oruk.query",
]


def test_every_module_of_the_pure_packages_imports_no_django() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {PURE!r}:\n"
        "    package = importlib.import_module(name)\n"
        "    for module in pkgutil.walk_packages(package.__path__, name + '.'):\n"
        "        importlib.import_module(module.name)\n"
        f"for name in {PURE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'ninja')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", done.stdout
