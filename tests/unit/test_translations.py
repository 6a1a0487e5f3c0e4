"""The translations are complete and current, and the check of them catches what would break."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog

from townclerk.i18n import catalogue_path

ROOT = Path(__file__).resolve().parents[2]


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update_translations = _load_script()


@pytest.fixture(scope="module")
def extracted() -> dict[tuple[str | None, str], set[str]]:
    found: dict[tuple[str | None, str], set[str]] = update_translations.extract()
    return found


def catalogue(*entries: tuple[str, str] | tuple[str, str, str]) -> Catalog:
    result = Catalog(locale="en", fuzzy=False)
    for entry in entries:
        msgid, english, *context = entry
        result.add(msgid, english, context=context[0] if context else None)
    return result


# --- the committed files ---------------------------------------------------------------------
def test_the_check_passes_on_the_committed_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    """Every text of the code translated, none unused, placeholders and accelerators kept, the
    .po written as the script writes it and the .mo compiled from it."""
    assert update_translations.main(["--check"]) == 0, capsys.readouterr().err


def test_the_extraction_finds_the_texts_of_every_layer(
    extracted: dict[tuple[str | None, str], set[str]],
) -> None:
    assert len(extracted) > 900
    files = {path for paths in extracted.values() for path in paths}
    for layer in ("townclerk/ui/", "townclerk/services/", "townclerk/cli/", "townclerk/formats/"):
        assert any(path.startswith(layer) for path in files), layer
    assert (None, "全部收取(&A)") in extracted
    assert ("Pages", "受理") in extracted  # NP_ keeps its context
    assert not any(path.startswith("townclerk/db/migrations") for path in files)


def test_the_compiled_catalogue_is_the_one_the_application_reads() -> None:
    assert catalogue_path("en") == ROOT / "resources/i18n/en/LC_MESSAGES/townclerk.mo"
    assert catalogue_path("en").with_suffix(".po").is_file()


# --- what the check catches ------------------------------------------------------------------
def test_an_untranslated_or_fuzzy_text_is_listed() -> None:
    found = catalogue(("受理", "Acceptance"), ("新的", ""))
    found.add("模糊", "Fuzzy", flags=["fuzzy"])
    assert update_translations.problems(found) == ["untranslated: '新的'", "untranslated: '模糊'"]


def test_a_translation_that_loses_a_placeholder_is_listed() -> None:
    problems = update_translations.problems(
        catalogue(("共{count}件", "{total} cases"), ("共{count}件{x}", "{x}{count} cases"))
    )
    assert len(problems) == 1
    assert problems[0].startswith("'共{count}件' → '{total} cases': placeholders differ")


def test_a_lost_or_added_keyboard_accelerator_is_listed() -> None:
    problems = update_translations.problems(
        catalogue(
            ("受理(&A)", "Accept"),
            ("打印", "&Print"),
            ("保存(&S)", "&Save"),
            ("甲&&乙", "A && B"),  # && is a literal ampersand, not an accelerator
        )
    )
    assert [problem.split(" → ")[0] for problem in problems] == ["'受理(&A)'", "'打印'"]
    assert all("accelerator" in problem for problem in problems)


def test_an_entry_the_code_no_longer_has_is_listed_with_its_context() -> None:
    stored = catalogue(("保留", "kept"), ("旧的", "old"), ("受理", "Intake", "Pages"))
    extracted = {(None, "保留"): {"townclerk/a.py"}, (None, "受理"): {"townclerk/b.py"}}
    assert update_translations.unused(stored, extracted) == [
        "unused: '旧的' is not in the code any more",
        "unused: '受理' [context Pages] is not in the code any more",
    ]


def test_the_update_keeps_translations_adds_new_texts_empty_drops_old_ones_and_sorts() -> None:
    stored = catalogue(("保留", "kept"), ("旧的", "old"))
    stored.get("保留").user_comments = ["a translator's note"]
    extracted = {
        (None, "新的{count}"): {"townclerk/b.py", "townclerk/a.py"},
        (None, "保留"): {"townclerk/a.py"},
        ("Pages", "受理"): {"townclerk/ui/pages/registry.py"},
    }
    new = update_translations.updated(stored, extracted)
    assert {(m.context, m.id, m.string) for m in new if m.id} == {
        ("Pages", "受理", ""),
        (None, "保留", "kept"),
        (None, "新的{count}", ""),
    }
    assert new.get("保留").user_comments == ["a translator's note"]
    assert new.get("新的{count}").locations == [("townclerk/a.py", None), ("townclerk/b.py", None)]
    text = update_translations.render_po(new).decode("utf-8")
    assert "#~" not in text and "旧的" not in text
    assert "#: townclerk/a.py\n" in text and "townclerk/a.py:" not in text  # no line numbers
    assert "Generated-By" not in text
    ids = re.findall(r'^msgid "(.+)"$', text, flags=re.MULTILINE)
    assert ids == sorted(ids), "the entries are sorted, whatever order the code has"
    again = update_translations.updated(new, extracted)
    assert update_translations.render_po(again).decode("utf-8") == text


def test_a_compiled_catalogue_that_differs_from_its_po_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(update_translations, "I18N_DIR", tmp_path)
    monkeypatch.setattr(update_translations, "ROOT", tmp_path)
    current = catalogue(("保留", "kept"))
    po = update_translations.po_path("en")
    po.parent.mkdir(parents=True)
    po.write_bytes(update_translations.render_po(current))
    po.with_suffix(".mo").write_bytes(update_translations.render_mo(current))
    assert update_translations.stale_files("en", current) == []
    edited = catalogue(("保留", "kept, edited"))
    po.write_bytes(update_translations.render_po(edited))
    assert update_translations.stale_files("en", edited) == [
        "en/LC_MESSAGES/townclerk.mo does not say what its .po says"
    ]
    po.with_suffix(".mo").unlink()
    assert len(update_translations.stale_files("en", edited)) == 1


def test_the_compiled_messages_are_read_as_the_application_reads_them() -> None:
    compiled = update_translations.render_mo(catalogue(("受理", "Intake", "Pages"), ("是", "Yes")))
    messages = update_translations.compiled_messages(compiled)
    assert messages == {"Pages\x04受理": "Intake", "是": "Yes"}


# --- nothing left of Qt's translation of our texts ------------------------------------------------
QT_TRANSLATION = re.compile(r"\bself\.tr\(|\.translate\(\s*[\"'A-Z]|QT_TRANSLATE_NOOP|QT_TR_NOOP")


def test_no_qt_translation_call_is_left() -> None:
    """Our texts go through townclerk.i18n; Qt translates only its own (qtbase_<lang>.qm)."""
    left = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("townclerk", "scripts", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if QT_TRANSLATION.search(line)
    ]
    assert left == []
    assert QT_TRANSLATION.search('QCoreApplication.translate("Pages", "Intake")')
    assert not QT_TRANSLATION.search("painter.translate(area.topLeft())")


def test_the_old_translation_files_are_gone() -> None:
    i18n = ROOT / "resources" / "i18n"
    assert sorted(path.name for path in i18n.glob("*.*")) == []  # no .ts or .qm
    assert not (i18n / "zh_CN").exists(), "Chinese is the source: it has no catalogue"
    assert not (i18n / "en" / "messages.json").exists()
    assert not (ROOT / "townclerk" / "ui" / "widgets" / "enum_text.py").exists()
