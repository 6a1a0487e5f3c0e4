#!/usr/bin/env python3
"""Keep the English catalogue of the Qt-free messages in step with the code.

Every literal first argument of ``t(...)`` or ``N_(...)`` (townclerk/i18n.py) in townclerk/,
outside townclerk/ui/ (which Qt translates), is a message template. This script rewrites
resources/i18n/en/messages.json, a JSON object mapping each Chinese template to its English
text: templates new in the code are added with an empty English text (fill them in), templates
no longer in the code are dropped, and the keys are sorted so that two people adding messages
rarely touch the same lines.

``--check`` writes nothing: it lists the templates missing from the file or without English,
and the stale ones, and exits 1 when there are any (tests/unit/test_messages.py checks the same).

Usage, from the repository root (``make translations`` runs it beside update_translations.py):

    .venv/bin/python scripts/update_messages.py            # add new templates, drop stale ones
    .venv/bin/python scripts/update_messages.py --check    # fail if the file is not current
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "townclerk"
EXCLUDED_DIRS = ("ui", "db/migrations")  # Qt translates ui/; migrations print nothing
CATALOGUE = ROOT / "resources" / "i18n" / "en" / "messages.json"
MARKERS = ("t", "N_")


@dataclass(frozen=True)
class Use:
    """One ``t("…")`` / ``N_("…")`` in the code."""

    template: str
    path: Path
    line: int
    keywords: frozenset[str] | None  # the params a t() call passes; None for N_ or **params


def source_files(source_dir: Path = SOURCE_DIR) -> list[Path]:
    excluded = [source_dir / folder for folder in EXCLUDED_DIRS]
    return sorted(
        path
        for path in source_dir.rglob("*.py")
        if not any(path.is_relative_to(folder) for folder in excluded)
    )


def _marker_name(call: ast.Call) -> str | None:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else None
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        name = func.attr if func.value.id == "i18n" else None
    return name if name in MARKERS else None


def uses_in(path: Path) -> Iterator[Use]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        marker = _marker_name(node)
        first = node.args[0]
        if marker is None or not isinstance(first, ast.Constant):
            continue
        if not isinstance(first.value, str):
            continue
        keywords: frozenset[str] | None = None
        if marker == "t" and all(keyword.arg is not None for keyword in node.keywords):
            keywords = frozenset(str(keyword.arg) for keyword in node.keywords)
        yield Use(first.value, path, node.lineno, keywords)


def all_uses(source_dir: Path = SOURCE_DIR) -> list[Use]:
    return [use for path in source_files(source_dir) for use in uses_in(path)]


def templates(source_dir: Path = SOURCE_DIR) -> set[str]:
    return {use.template for use in all_uses(source_dir)}


def read_catalogue(path: Path = CATALOGUE) -> dict[str, str]:
    if not path.exists():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(entries, dict):
        raise SystemExit(f"{path} must hold one JSON object")
    return {str(source): str(english) for source, english in entries.items()}


def render(catalogue: dict[str, str]) -> str:
    ordered = dict(sorted(catalogue.items()))
    return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"


def updated(catalogue: dict[str, str], wanted: set[str]) -> dict[str, str]:
    """Keep the English of every wanted template, add the new ones empty, drop the rest."""
    return {template: catalogue.get(template, "") for template in sorted(wanted)}


def problems(catalogue: dict[str, str], wanted: set[str]) -> list[str]:
    missing = sorted(wanted - catalogue.keys())
    untranslated = sorted(s for s in wanted & catalogue.keys() if not catalogue[s].strip())
    stale = sorted(catalogue.keys() - wanted)
    return (
        [f"missing: {source!r}" for source in missing]
        + [f"no English: {source!r}" for source in untranslated]
        + [f"stale: {source!r}" for source in stale]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if the file is not current"
    )
    args = parser.parse_args(argv)
    wanted = templates()
    catalogue = read_catalogue()
    if args.check:
        found = problems(catalogue, wanted)
        for line in found:
            print(line)
        if found:
            print(f"{CATALOGUE.relative_to(ROOT)} is not current: run scripts/update_messages.py")
            return 1
        print(f"{len(wanted)} messages, all translated")
        return 0
    new = updated(catalogue, wanted)
    CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    CATALOGUE.write_text(render(new), encoding="utf-8")
    empty = sum(1 for english in new.values() if not english.strip())
    dropped = len(catalogue.keys() - wanted)
    print(f"{len(new)} messages ({empty} without English, {dropped} stale dropped): {CATALOGUE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
