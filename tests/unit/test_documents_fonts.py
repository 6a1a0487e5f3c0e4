"""The shipped fonts, and what happens to characters they lack."""

from __future__ import annotations

from reportlab.pdfbase.ttfonts import TTFontFile

from townclerk.formats.pdf import fonts
from townclerk.paths import resource_path

EXTENSION_A = "䶮"  # U+4DAE, in names (刘䶮); not in WenQuanYi Micro Hei
EXTENSION_B = "𠮷"  # U+20BB7, in no shipped face


def test_fonts_ship_with_their_licences() -> None:
    for face in fonts.FACES:
        path = resource_path("fonts", face.file_name)
        assert path.is_file()
        # TrueType outlines ("glyf"), which ReportLab can embed; CFF/OTF would have "CFF ".
        tables = TTFontFile(str(path), subfontIndex=face.subfont_index).table
        assert "glyf" in tables
        assert "CFF " not in tables
        copyright_file = path.with_name(path.stem + ".COPYRIGHT.txt")
        assert "Apache" in copyright_file.read_text(encoding="utf-8")
    apache = resource_path("fonts", "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")
    assert "Apache License" in apache and "Version 2.0" in apache
    gpl = resource_path("fonts", "LICENSE-GPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in gpl


def test_each_character_goes_to_the_first_face_that_has_it() -> None:
    assert fonts.face_for("受") == fonts.PRIMARY.name
    assert fonts.face_for("A") == fonts.PRIMARY.name
    assert fonts.face_for(EXTENSION_A) == fonts.FALLBACKS[0].name
    assert fonts.face_for(EXTENSION_B) is None


def test_runs_switch_faces_and_mark_what_no_face_has() -> None:
    assert fonts.runs(f"刘{EXTENSION_A}{EXTENSION_B}明") == [
        (fonts.PRIMARY.name, "刘"),
        (fonts.FALLBACKS[0].name, EXTENSION_A),
        (fonts.PRIMARY.name, "[U+20BB7]明"),
    ]


def test_runs_drop_invisible_characters_instead_of_marking_them() -> None:
    # A variation selector and a zero-width joiner have no glyph and need none.
    assert fonts.runs("葛\U000e0100\u200d亮") == [(fonts.PRIMARY.name, "葛亮")]


def test_markup_escapes_text_tags_fallback_runs_and_keeps_lines() -> None:
    text = f"A&B <c>\n{EXTENSION_A}"
    assert fonts.markup(text) == (
        f'A&amp;B &lt;c&gt;<br/><font face="{fonts.FALLBACKS[0].name}">{EXTENSION_A}</font>'
    )


def test_uncovered_lists_each_missing_character_once_in_order() -> None:
    assert fonts.uncovered(["张𠮷", "𠮷田", "\U0002a6a5", "普通文字\n"]) == ["𠮷", "\U0002a6a5"]
    assert fonts.uncovered([f"刘{EXTENSION_A}"]) == []


def test_text_width_measures_the_printed_form() -> None:
    plain = fonts.text_width("[U+20BB7]", 10)
    assert fonts.text_width(EXTENSION_B, 10) == plain
    assert fonts.text_width("", 10) == 0
