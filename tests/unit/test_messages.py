"""Messages from the Qt-free code: the English catalogue is complete and ``--lang en`` uses it."""

from __future__ import annotations

import ast
import builtins
import datetime as dt
import importlib.util
import json
import logging
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from townclerk import i18n
from townclerk.cli import main
from townclerk.db.database import Database
from townclerk.enums import Role
from townclerk.errors import PermissionDenied
from townclerk.i18n import N_, current_language, placeholders, set_language, t
from townclerk.services.access import Actor
from townclerk.services.users import UserService
from townclerk.validation import ValidationError, parse_resident_id

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
TODAY = dt.date(2026, 9, 29)
MARKERS = ("t", "N_")


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_messages", ROOT / "scripts" / "update_messages.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


update_messages = _load_script()


@pytest.fixture
def fresh_i18n(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Chinese, no catalogue loaded, no warning given yet; Chinese again afterwards."""
    set_language("zh_CN")
    monkeypatch.setattr(i18n, "_english", None)
    monkeypatch.setattr(i18n, "_warned", set())
    yield
    set_language("zh_CN")


@pytest.fixture
def english(fresh_i18n: None) -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh_CN")


# --- the catalogue ------------------------------------------------------------------------------
def catalogue() -> dict[str, str]:
    return i18n.load_catalogue()


def test_every_template_in_the_code_has_english_with_the_same_placeholders() -> None:
    english = catalogue()
    templates = update_messages.templates()
    assert len(templates) > 300, "the extraction found too few templates"
    untranslated = sorted(s for s in templates if not english.get(s, "").strip())
    assert untranslated == [], "run scripts/update_messages.py and write the English"
    mismatched = {
        source: english[source]
        for source in templates
        if placeholders(source) != placeholders(english[source])
    }
    assert mismatched == {}


def test_the_catalogue_has_no_stale_entries_and_is_written_as_the_script_writes_it() -> None:
    english = catalogue()
    assert sorted(english.keys() - update_messages.templates()) == []
    stored = (ROOT / "resources" / "i18n" / "en" / "messages.json").read_text(encoding="utf-8")
    assert stored == update_messages.render(english)


def test_the_script_check_passes_on_the_committed_catalogue() -> None:
    assert update_messages.main(["--check"]) == 0


def test_every_t_call_passes_exactly_the_placeholders_of_its_template() -> None:
    wrong = [
        f"{use.path.relative_to(ROOT)}:{use.line}: {use.template!r} gets {sorted(use.keywords)}"
        for use in update_messages.all_uses()
        if use.keywords is not None and set(use.keywords) != placeholders(use.template)
    ]
    assert wrong == []


def test_the_script_adds_new_templates_empty_drops_stale_ones_and_sorts() -> None:
    stored = {"旧的": "old", "保留": "kept"}
    wanted = {"保留", "新的{count}"}
    updated = update_messages.updated(stored, wanted)
    assert updated == {"保留": "kept", "新的{count}": ""}
    assert update_messages.problems(stored, wanted) == ["missing: '新的{count}'", "stale: '旧的'"]
    assert update_messages.problems(updated, wanted) == ["no English: '新的{count}'"]
    rendered = update_messages.render({"乙": "b", "甲": "a"})
    assert list(json.loads(rendered)) == ["乙", "甲"] and rendered.endswith("}\n")


def test_the_extraction_reads_literal_t_and_n_calls_only(tmp_path: Path) -> None:
    package = tmp_path / "townclerk"
    (package / "ui").mkdir(parents=True)
    (package / "services.py").write_text(
        "from townclerk.i18n import N_, t\n"
        "LABEL = N_('标签')\n"
        "def f(name, label):\n"
        "    t(label)\n"  # a variable: translated at run time, not a template
        "    return t('你好，{name}', name=name)\n",
        encoding="utf-8",
    )
    (package / "ui" / "page.py").write_text("t('界面文字')\n", encoding="utf-8")
    uses = update_messages.all_uses(package)
    assert {(use.template, use.keywords) for use in uses} == {
        ("标签", None),
        ("你好，{name}", frozenset({"name"})),
    }


# --- no Chinese message bypasses t() ------------------------------------------------------------
def _qt_free_sources() -> list[Path]:
    return update_messages.source_files()


def _base_name(base: ast.expr) -> str:
    if isinstance(base, ast.Name):
        return base.id
    return base.attr if isinstance(base, ast.Attribute) else ""


def _exception_names(trees: dict[Path, ast.Module]) -> set[str]:
    """Built-in exceptions and every class in townclerk deriving from one (errors.py and more)."""
    names = {
        name
        for name, value in vars(builtins).items()
        if isinstance(value, type) and issubclass(value, BaseException)
    }
    classes = [
        (node.name, {_base_name(base) for base in node.bases})
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    grew = True
    while grew:
        before = len(names)
        names |= {name for name, bases in classes if bases & names}
        grew = len(names) > before
    return names


def _chinese_outside_t(node: ast.AST) -> bool:
    """A string literal or f-string part with Chinese in ``node``, not inside a t()/N_() call."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return CJK.search(node.value) is not None
    return any(_chinese_outside_t(child) for child in ast.iter_child_nodes(node))


def test_no_exception_is_raised_with_chinese_that_bypasses_t() -> None:
    trees = {
        path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for path in _qt_free_sources()
    }
    exceptions = _exception_names(trees)
    assert {"UserError", "PermissionDenied", "ValidationError", "CatalogFileRefused"} <= exceptions
    bypassing = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in exceptions and not name.endswith("Error"):
                continue
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            if any(_chinese_outside_t(argument) for argument in arguments):
                bypassing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bypassing == []


def test_the_check_catches_a_bare_chinese_message() -> None:
    raised = ast.parse('raise UserError(f"办件 {number} 不存在")').body[0]
    wrapped = ast.parse('raise UserError(t("办件 {number} 不存在", number=n))').body[0]
    joined = ast.parse('raise UserError("缺少：" + t("、").join(names))').body[0]
    assert isinstance(raised, ast.Raise) and isinstance(wrapped, ast.Raise)
    assert isinstance(joined, ast.Raise)
    assert _chinese_outside_t(raised)
    assert not _chinese_outside_t(wrapped)
    assert _chinese_outside_t(joined)


# --- t() ------------------------------------------------------------------------------------------
def test_chinese_is_the_default_and_fills_the_placeholders(fresh_i18n: None) -> None:
    assert current_language() == "zh_CN"
    assert t("身份证号码应为18位，现为{count}位", count=17) == "身份证号码应为18位，现为17位"
    assert N_("受理量") == "受理量"
    birth = dt.date(2030, 1, 2)
    assert t("身份证号码中的出生日期 {birth:%Y-%m-%d} 晚于今天", birth=birth) == (
        "身份证号码中的出生日期 2030-01-02 晚于今天"
    )
    assert i18n._english is None, "Chinese never reads the English catalogue"


def test_english_looks_the_template_up_and_fills_it(english: None) -> None:
    assert current_language() == "en"
    assert t("身份证号码应为18位，现为{count}位", count=17) == (
        "An ID card number has 18 characters; this one has 17."
    )
    birth = dt.date(2030, 1, 2)
    assert t("身份证号码中的出生日期 {birth:%Y-%m-%d} 晚于今天", birth=birth) == (
        "The date of birth in the ID card number, 2030-01-02, is later than today."
    )
    assert t("受理量") == "Accepted"


def test_an_unknown_template_falls_back_to_chinese_with_one_warning(
    english: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="townclerk.i18n"):
        assert t("从未见过的消息{n}", n=3) == "从未见过的消息3"
        assert t("从未见过的消息{n}", n=4) == "从未见过的消息4"
        assert t("没有参数的{花括号}") == "没有参数的{花括号}"  # no params: returned as it is
    warnings = [r.getMessage() for r in caplog.records if "从未见过的消息" in r.getMessage()]
    assert len(warnings) == 1


def test_an_english_text_that_does_not_fit_falls_back_to_chinese(
    english: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(i18n, "_english", {"共{count}件": "{total} cases"})
    with caplog.at_level(logging.WARNING, logger="townclerk.i18n"):
        assert t("共{count}件", count=5) == "共5件"
    assert any("does not fit" in record.getMessage() for record in caplog.records)


def test_a_missing_catalogue_file_means_chinese_not_a_crash(
    english: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(i18n, "CATALOGUE_PARTS", ("i18n", "en", "no-such-file.json"))
    with caplog.at_level(logging.WARNING, logger="townclerk.i18n"):
        assert t("请输入身份证号码") == "请输入身份证号码"
    assert any("unavailable" in record.getMessage() for record in caplog.records)


def test_an_unknown_language_is_refused(fresh_i18n: None) -> None:
    with pytest.raises(ValueError, match="fr"):
        set_language("fr")
    assert current_language() == "zh_CN"


# --- the language reaches the messages users see -----------------------------------------------
def test_a_bad_id_number_is_explained_in_english(english: None) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_resident_id("32032419900101123", today=TODAY)
    assert str(raised.value) == "An ID card number has 18 characters; this one has 17."


def test_the_same_bad_id_number_is_explained_in_chinese_by_default(fresh_i18n: None) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_resident_id("32032419900101123", today=TODAY)
    assert str(raised.value) == "身份证号码应为18位，现为17位"


def test_a_permission_denied_by_a_service_is_in_english(
    db: Database, admin: Actor, clerk: Actor, english: None
) -> None:
    with pytest.raises(PermissionDenied) as raised:
        UserService(db).create_user(clerk, "intruder", "passw0rd1", Role.ADMIN)
    message = str(raised.value)
    assert message.startswith("clerk1 (")
    assert message.endswith(") is not allowed to manage users.")
    assert "intruder" not in [user.username for user in UserService(db).list_users(admin)]


def test_the_command_line_prints_english_errors_with_lang_en(
    fresh_i18n: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--lang", "en", "--data-dir", str(tmp_path / "data"), "user", "list"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == "townclerk: This command needs --user to name the acting user.\n"
    code = main(["--data-dir", str(tmp_path / "data"), "user", "list"])
    assert code == 1
    assert capsys.readouterr().err == "townclerk: 该命令需要 --user 指定操作用户\n"
