"""The common reasons of the 不予受理 and 补正 dialogs: center settings an admin edits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from townclerk.db.database import Database
from townclerk.errors import FieldError
from townclerk.records.center import DEFAULT_CORRECTION_REASONS, DEFAULT_REFUSAL_REASONS
from townclerk.services.access import Actor
from townclerk.services.settings import SettingsService


def test_defaults_until_an_admin_edits_them(db: Database, admin: Actor) -> None:
    settings = SettingsService(db)
    center = settings.center()
    assert center.refusal_reasons == DEFAULT_REFUSAL_REASONS
    assert "申请人不具备申请资格" in center.refusal_reasons
    assert center.correction_reasons == DEFAULT_CORRECTION_REASONS
    settings.update_center(
        admin,
        replace(
            center,
            refusal_reasons=(" 不属于本镇受理范围 ", "", "不属于本镇受理范围", "申请人已死亡"),
            correction_reasons=(),
        ),
    )
    again = settings.center()
    assert again.refusal_reasons == ("不属于本镇受理范围", "申请人已死亡")
    assert again.correction_reasons == ()


def test_a_reason_too_long_is_refused_and_nothing_changes(db: Database, admin: Actor) -> None:
    settings = SettingsService(db)
    before = settings.center()
    with pytest.raises(FieldError) as raised:
        settings.update_center(admin, replace(before, refusal_reasons=("理" * 201,)))
    assert raised.value.field == "refusal_reasons"
    assert settings.center() == before
