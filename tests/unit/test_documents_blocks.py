"""Blocks the documents share: the signature lines beside the seal."""

from __future__ import annotations

import datetime as dt

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Table

from townclerk.formats.pdf import fonts
from townclerk.formats.pdf.blocks import Composer
from townclerk.formats.pdf.layout import make_styles, paper_for
from townclerk.records.issuing import Issuer


@pytest.mark.parametrize("paper_size", ["A4", "A5"])
def test_signature_lines_stop_short_of_an_entrusted_seal_block(paper_size: str) -> None:
    """The 受委托单位 line makes the seal block wide; the rules to sign on must not run under
    it (on A5 they did, crossing the 受委托单位 text)."""
    fonts.register_fonts()
    paper = paper_for(paper_size)
    width = paper.size[0] - 2 * paper.margin
    composer = Composer(
        paper,
        make_styles(paper),
        width,
        issuer=Issuer("睢宁县民政局", "睢宁县民政局"),
        entrusted_to="睢宁县示范镇为民服务中心",
    )
    block = composer.signatures(("申请人（代办人）签收：", "签收日期："), dt.date(2026, 9, 29))
    lines = block._cellvalues[0][0]
    assert isinstance(lines, Table)
    assert sum(lines._colWidths) <= block._colWidths[0]


def test_a_second_column_of_sign_lines_keeps_its_label_off_the_first_rule() -> None:
    """送达回证: "签收日期：" used to start where the rule of "受送达人签名（盖章）：" ended."""
    fonts.register_fonts()
    paper = paper_for("A4")
    composer = Composer(
        paper,
        make_styles(paper),
        paper.size[0] - 2 * paper.margin,
        issuer=Issuer("睢宁县示范镇人民政府", "睢宁县示范镇人民政府行政审批专用章"),
    )
    table = composer.sign_lines(("受送达人签名（盖章）：", "签收日期："), columns=2)
    label, _, second_label, _ = table._colWidths
    assert second_label - label >= 5 * mm
    assert sum(table._colWidths) <= composer.width
