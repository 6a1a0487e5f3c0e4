#!/usr/bin/env python3
"""Refresh the Chinese translation of the interface and compile it.

1. ``pyside6-lupdate`` collects every ``tr()`` / ``translate()`` / ``QT_TRANSLATE_NOOP`` string
   under townclerk/ui into resources/i18n/townclerk_zh_CN.ts (vanished strings dropped, no line
   numbers, so two people adding strings do not fight over the file).
2. Every message is filled from the JSON files resources/i18n/zh_CN/*.json, each a list of
   ``{"context": class name, "source": English, "translation": Chinese}``. Each engineer keeps
   their own file, so nobody edits the .ts by hand.
3. Any source string without a translation, a translation that loses a ``{placeholder}`` or an
   ``&`` keyboard accelerator, a translation of a string the sources no longer have, or two files
   disagreeing: the script lists them and fails.
4. ``pyside6-lrelease`` compiles the .qm the application loads.

``--check`` does all of it in a temporary folder and fails if the committed .ts or .qm differ
from what it would write (tests/ui/test_translations.py runs it).

Usage: python scripts/update_translations.py [--check | --allow-missing]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "townclerk" / "ui"
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGE = "zh_CN"
TS_FILE = I18N_DIR / f"townclerk_{LANGUAGE}.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
JSON_DIR = I18N_DIR / LANGUAGE
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
_ACCELERATOR = re.compile(r"&(?!&)\S")

Key = tuple[str, str]  # (context, source)


class TranslationError(Exception):
    pass


def tool(name: str) -> str:
    """A Qt tool from the same environment as this Python (the project's .venv)."""
    candidates = [Path(sys.executable).parent / name, ROOT / ".venv" / "bin" / name]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise TranslationError(f"{name} not found; run `make setup` first")
    return found


def source_files() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in SOURCE_DIR.rglob("*.py"))


def run_lupdate(ts_file: Path) -> None:
    command = [
        tool("pyside6-lupdate"),
        *source_files(),
        "-no-obsolete",
        "-locations",
        "none",
        "-source-language",
        "en",
        "-target-language",
        LANGUAGE,
        "-ts",
        str(ts_file),
    ]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    command = [tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)


def load_translations(folder: Path) -> dict[Key, str]:
    """All JSON files of ``folder`` merged; conflicting or malformed entries are errors."""
    translations: dict[Key, str] = {}
    origin: dict[Key, str] = {}
    problems = []
    for path in sorted(folder.glob("*.json")):
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            problems.append(f"{path.name}: not valid JSON ({error})")
            continue
        if not isinstance(entries, list):
            problems.append(f"{path.name}: must hold a list of entries")
            continue
        for number, entry in enumerate(entries, start=1):
            fields = ("context", "source", "translation")
            if not isinstance(entry, dict) or not all(
                isinstance(entry.get(field), str) for field in fields
            ):
                problems.append(f"{path.name} entry {number}: needs context, source, translation")
                continue
            key = (entry["context"], entry["source"])
            text = entry["translation"]
            if not text.strip():
                problems.append(f"{path.name} entry {number}: empty translation of {key}")
            elif key in translations and translations[key] != text:
                problems.append(
                    f"{path.name} and {origin[key]} translate {key} differently: "
                    f"{text!r} / {translations[key]!r}"
                )
            else:
                translations[key] = text
                origin[key] = path.name
    if problems:
        raise TranslationError("\n".join(problems))
    return translations


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def check_pair(source: str, translation: str) -> str | None:
    """Why ``translation`` would break at run time or lose a keyboard accelerator, if it would."""
    if placeholders(source) != placeholders(translation):
        return (
            f"placeholders differ: {sorted(placeholders(source))} in the source, "
            f"{sorted(placeholders(translation))} in the translation"
        )
    if _ACCELERATOR.search(source) and not _ACCELERATOR.search(translation):
        return "the source has an & keyboard accelerator and the translation has none"
    return None


@dataclass
class FillReport:
    missing: list[Key]
    broken: list[str]
    unused: list[Key]


def fill(ts_file: Path, translations: dict[Key, str]) -> FillReport:
    tree = ET.parse(ts_file)
    root = tree.getroot()
    report = FillReport([], [], [])
    used: set[Key] = set()
    for context in root.iter("context"):
        context_name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            key = (context_name, source)
            element = message.find("translation")
            if element is None:
                element = ET.SubElement(message, "translation")
            text = translations.get(key)
            if text is None:
                report.missing.append(key)
                element.text = ""
                element.set("type", "unfinished")
                continue
            used.add(key)
            problem = check_pair(source, text)
            if problem:
                report.broken.append(f"{context_name} / {source!r}: {problem}")
            element.text = text
            element.attrib.pop("type", None)
    report.unused = sorted(set(translations) - used)
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return report


def build(ts_file: Path, qm_file: Path, *, allow_missing: bool = False) -> FillReport:
    """lupdate, fill and (when complete) lrelease into the given paths.

    lupdate always starts from nothing (not from the existing .ts), so the file is a function of
    the sources and the JSON files alone.
    """
    translations = load_translations(JSON_DIR)
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / ts_file.name
        run_lupdate(fresh)
        report = fill(fresh, translations)
        shutil.copyfile(fresh, ts_file)
    if not report.broken and not report.unused and (allow_missing or not report.missing):
        run_lrelease(ts_file, qm_file)
    return report


def describe(report: FillReport) -> list[str]:
    lines = []
    if report.missing:
        lines.append(
            f"{len(report.missing)} source strings have no translation; add them to a file "
            f"in {JSON_DIR.relative_to(ROOT)}/:"
        )
        lines += [
            "  " + json.dumps({"context": c, "source": s, "translation": ""}, ensure_ascii=False)
            for c, s in report.missing
        ]
    if report.broken:
        lines.append("translations that would break:")
        lines += [f"  {problem}" for problem in report.broken]
    if report.unused:
        lines.append("translations of strings the sources no longer have (delete them):")
        lines += [f"  {context} / {source!r}" for context, source in report.unused]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; fail if the files are not current"
    )
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help="compile even with untranslated strings (they show in English); for work in progress",
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            with tempfile.TemporaryDirectory() as folder:
                ts_file = Path(folder) / TS_FILE.name
                qm_file = Path(folder) / QM_FILE.name
                report = build(ts_file, qm_file)
                problems = describe(report)
                if not problems:
                    if not TS_FILE.exists() or ts_file.read_bytes() != TS_FILE.read_bytes():
                        problems.append(f"{TS_FILE.relative_to(ROOT)} is not current")
                    if not QM_FILE.exists() or qm_file.read_bytes() != QM_FILE.read_bytes():
                        problems.append(f"{QM_FILE.relative_to(ROOT)} is not current")
                    if problems:
                        problems.append("run: python scripts/update_translations.py")
        else:
            I18N_DIR.mkdir(parents=True, exist_ok=True)
            report = build(TS_FILE, QM_FILE, allow_missing=args.allow_missing)
            problems = describe(report)
            if args.allow_missing and not report.broken and not report.unused and problems:
                print("\n".join(problems), file=sys.stderr)
                print("compiled anyway (--allow-missing): the .ts is not complete", file=sys.stderr)
                return 0
    except TranslationError as error:
        print(f"update_translations: {error}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(f"update_translations: {error}\n{error.stdout}\n{error.stderr}", file=sys.stderr)
        return 1
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    if not args.check:
        messages = len(load_translations(JSON_DIR))
        print(f"{TS_FILE.relative_to(ROOT)}: {messages} messages; compiled {QM_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
