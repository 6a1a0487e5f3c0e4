"""A case registered before migration 0006 kept no deciding body: after the upgrade it prints
with the new layout, issued by the body today's settings give (the township government for a
delegated item), with the appeal bodies named. On SQLite and PostgreSQL, from a database at 0005."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine, text

from tests.migration_data import fill_at_0005, upgrade
from townclerk.db.database import open_database
from townclerk.enums import DocumentKind, Role
from townclerk.services.access import Actor
from townclerk.services.printing import PrintService

CLERK = Actor(id=1, username="clerk1", display_name="王晓燕", role=Role.CLERK)


def test_an_old_case_prints_issued_by_the_body_the_settings_give(
    blank_engine: Engine, data_dir: Path
) -> None:
    upgrade(blank_engine, "0005")
    with blank_engine.begin() as connection:
        fill_at_0005(connection)
        connection.execute(
            text(
                "UPDATE service_items SET power_source = 'delegated_from_above',"
                " category = 'benefit'"
            )
        )
        connection.execute(
            text("INSERT INTO settings (key, value) VALUES ('center_name', :name)"),
            {"name": "睢宁县示范镇为民服务中心"},
        )
    upgrade(blank_engine, "head")
    db = open_database(
        blank_engine.url.render_as_string(hide_password=False),
        data_dir,
        clock=lambda: dt.datetime(2026, 10, 9, 10),
    )
    try:
        printed = PrintService(db).render(CLERK, "320324101-20260929-0001", DocumentKind.RECEIPT)
        pages = PdfReader(io.BytesIO(printed.path.read_bytes())).pages
        words = "".join("".join(page.extract_text().split()) for page in pages)
    finally:
        db.dispose()
    assert "睢宁县示范镇人民政府" in words  # derived from the center's name
    assert "睢宁县示范镇人民政府行政审批专用章" in words
    assert "本中心" not in words
