"""``townclerk case show`` prints both deadlines, and the 延期 that moved the statutory one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import intake_for, make_item
from tests.people import PASSWORD
from townclerk.cli import main
from townclerk.db.database import Database
from townclerk.records.approval import SupervisorCredentials
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService


def show(capsys: pytest.CaptureFixture[str], data_dir: Path, number: str) -> str:
    code = main(["--data-dir", str(data_dir), "case", "show", number, "--user", "clerk1"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_both_deadlines_and_the_extension(
    db: Database,
    clerk: Actor,
    supervisor: Actor,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    service = CaseService(db)
    item = make_item(db)
    plain = service.accept(clerk, intake_for(item)).number
    extended = service.accept(clerk, intake_for(item, name="李娜")).number
    service.extend(
        clerk, extended, 6, "需实地核查", credentials=SupervisorCredentials("chief", PASSWORD)
    )
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    db.dispose()  # the command line opens the same file itself

    lines = show(capsys, data_dir, plain).splitlines()
    assert "承诺办结日期：2026-10-12" in lines
    assert "法定办结日期：2026-10-26（法定时限15个工作日）" in lines
    assert not any(line.startswith("延期：") for line in lines)

    lines = show(capsys, data_dir, extended).splitlines()
    assert "承诺办结日期：2026-10-12" in lines
    assert "法定办结日期：2026-11-03（法定时限21个工作日）" in lines
    assert "延期：6个工作日（法定15＋延期6），李主任批准；理由：需实地核查" in lines
