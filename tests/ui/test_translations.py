"""The Chinese interface is complete: every string translated, compiled, and current."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from townclerk.paths import resource_path
from townclerk.ui.widgets.enum_text import CONTEXT, SOURCES

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = resource_path("i18n", "townclerk_zh_CN.ts")
QM_FILE = resource_path("i18n", "townclerk_zh_CN.qm")


def messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS_FILE).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation))
    return found


@pytest.fixture
def chinese(qapp: QApplication) -> QTranslator:
    translator = QTranslator()
    assert translator.load(str(QM_FILE)), f"{QM_FILE} does not load"
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def test_every_message_is_translated() -> None:
    unfinished = [
        f"{context}: {source!r}"
        for context, source, translation in messages()
        if translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not (translation.text or "").strip()
    ]
    assert messages(), "the .ts file holds no messages"
    assert unfinished == [], "untranslated: run scripts/update_translations.py"


def test_the_compiled_file_says_what_the_ts_says(chinese: QTranslator) -> None:
    # Compared by content, not file times: a git checkout gives both files arbitrary times.
    stale = [
        f"{context}: {source!r}"
        for context, source, translation in messages()
        if QCoreApplication.translate(context, source) != translation.text
    ]
    assert stale == [], "the .qm is older than the .ts: run scripts/update_translations.py"


def test_the_enum_names_agree_with_the_domain_labels(chinese: QTranslator) -> None:
    wrong = {
        member.label: QCoreApplication.translate(CONTEXT, source)
        for member, source in SOURCES
        if QCoreApplication.translate(CONTEXT, source) != member.label
    }
    assert wrong == {}


def test_the_files_are_current_with_the_sources() -> None:
    """Every tr() string in townclerk/ui is in the .ts, translated and compiled."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_translation_left_over_from_an_older_version_fails_the_check() -> None:
    from scripts.update_translations import FillReport, describe

    assert describe(FillReport([], [], [])) == []
    problems = describe(FillReport([], [], [("CaseListPage", "Gone")]))
    assert problems[0].startswith("translations of strings the sources no longer have")
    assert "CaseListPage / 'Gone'" in problems[1]
