"""``t()`` in both languages, the texts passed to it, and ``--lang en`` reaching what users see."""

from __future__ import annotations

import ast
import builtins
import datetime as dt
import importlib.util
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from townclerk import i18n
from townclerk.cli import main
from townclerk.db.database import Database
from townclerk.enums import Role
from townclerk.errors import PermissionDenied
from townclerk.i18n import N_, NP_, current_language, placeholders, pt, set_language, t
from townclerk.services.access import Actor
from townclerk.services.users import UserService
from townclerk.validation import ValidationError, parse_resident_id

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
TODAY = dt.date(2026, 9, 29)
MARKERS = ("t", "N_", "pt", "NP_")


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update_translations = _load_script()


@pytest.fixture
def fresh_i18n(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Chinese, no catalogue loaded, no warning given yet; Chinese again afterwards."""
    set_language("zh_CN")
    monkeypatch.setattr(i18n, "_catalogues", {})
    monkeypatch.setattr(i18n, "_warned", set())
    yield
    set_language("zh_CN")


@pytest.fixture
def english(fresh_i18n: None) -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh_CN")


# --- the calls ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Use:
    """One ``t("…", name=…)`` / ``pt(context, "…", name=…)`` in the code."""

    template: str
    path: Path
    line: int
    keywords: frozenset[str]


def source_files() -> list[Path]:
    migrations = ROOT / "townclerk" / "db" / "migrations"
    return sorted(
        path for path in (ROOT / "townclerk").rglob("*.py") if not path.is_relative_to(migrations)
    )


def uses_with_params() -> list[Use]:
    found = []
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            position = {"t": 0, "pt": 1}.get(node.func.id)
            if position is None or len(node.args) <= position or not node.keywords:
                continue
            template = node.args[position]
            if not isinstance(template, ast.Constant) or not isinstance(template.value, str):
                continue
            if any(keyword.arg is None for keyword in node.keywords):  # **params
                continue
            keywords = frozenset(str(keyword.arg) for keyword in node.keywords)
            found.append(Use(template.value, path, node.lineno, keywords))
    return found


def test_every_t_call_passes_exactly_the_placeholders_of_its_template() -> None:
    uses = uses_with_params()
    assert len(uses) > 200
    wrong = [
        f"{use.path.relative_to(ROOT)}:{use.line}: {use.template!r} gets {sorted(use.keywords)}"
        for use in uses
        if set(use.keywords) != placeholders(use.template)
    ]
    assert wrong == []


def test_the_extraction_reads_literal_texts_only(tmp_path: Path) -> None:
    package = tmp_path / "townclerk"
    (package / "db" / "migrations").mkdir(parents=True)
    (package / "services.py").write_text(
        "from townclerk.i18n import N_, NP_, pt, t\n"
        "LABEL = N_('标签')\n"
        "TITLE = NP_('Pages', '受理')\n"
        "def f(name, label):\n"
        "    t(label)\n"  # a variable: translated at run time, not a text of the catalogue
        "    pt('Pages', label)\n"
        "    return t('你好，{name}', name=name) + pt('Button', '启用')\n",
        encoding="utf-8",
    )
    (package / "db" / "migrations" / "env.py").write_text("t('迁移')\n", encoding="utf-8")
    assert update_translations.extract(package) == {
        (None, "标签"): {"townclerk/services.py"},
        ("Pages", "受理"): {"townclerk/services.py"},
        (None, "你好，{name}"): {"townclerk/services.py"},
        ("Button", "启用"): {"townclerk/services.py"},
    }


# --- no Chinese message bypasses t() ------------------------------------------------------------
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
        for path in source_files()
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
    assert t("没有参数的{花括号}") == "没有参数的{花括号}"  # no params: returned as it is
    assert pt("Pages", "受理") == "受理"
    assert pt("Pages", "共{count}件", count=2) == "共2件"
    assert i18n._catalogues == {}, "Chinese never reads a catalogue"


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
    assert t("全部收取(&A)") == "&All received", "the accelerator is the translation's own"


def test_a_context_chooses_between_two_translations_of_one_text(english: None) -> None:
    assert t("受理") == "Acceptance"  # the case event
    assert pt("Pages", "受理") == "Intake"  # the page
    assert pt("Pages", NP_("Pages", "统计报表")) == "Dashboard"


def test_an_unknown_template_falls_back_to_chinese_with_one_warning(
    english: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="townclerk.i18n"):
        assert t("从未见过的消息{n}", n=3) == "从未见过的消息3"
        assert t("从未见过的消息{n}", n=4) == "从未见过的消息4"
        assert t("没有参数的{花括号}") == "没有参数的{花括号}"  # no params: returned as it is
    warnings = [r.getMessage() for r in caplog.records if "从未见过的消息" in r.getMessage()]
    assert len(warnings) == 1


class FakeCatalogue:
    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts

    def gettext(self, message: str) -> str:
        return self.texts.get(message, message)

    def pgettext(self, context: str, message: str) -> str:
        return self.texts.get(f"{context}\x04{message}", message)


def test_an_english_text_that_does_not_fit_falls_back_to_chinese(
    english: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    texts = {"共{count}件": "{total} cases", "括号": "{braces} kept", "C\x04共{count}件": "{x}"}
    monkeypatch.setattr(i18n, "_catalogues", {"en": FakeCatalogue(texts)})
    with caplog.at_level(logging.WARNING, logger="townclerk.i18n"):
        assert t("共{count}件", count=5) == "共5件"
        assert pt("C", "共{count}件", count=6) == "共6件"
        assert t("括号") == "{braces} kept"  # no params: no brace processing
    assert sum("does not fit" in record.getMessage() for record in caplog.records) == 1


@pytest.mark.parametrize("content", [None, b"", b"not a catalogue at all", b"\xde\x12\x04\x95"])
def test_a_missing_or_unreadable_catalogue_means_chinese_and_one_warning(
    english: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    content: bytes | None,
) -> None:
    path = tmp_path / "townclerk.mo"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(i18n, "catalogue_path", lambda lang: path)
    with caplog.at_level(logging.WARNING, logger="townclerk.i18n"):
        assert t("请输入身份证号码") == "请输入身份证号码"
        assert t("身份证号码应为18位，现为{count}位", count=17) == "身份证号码应为18位，现为17位"
        assert pt("Pages", "受理") == "受理"
    assert [record.getMessage() for record in caplog.records] == [
        f"the en catalogue {path} is unavailable ({caplog.records[0].args[2]}); showing Chinese"
    ]


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
