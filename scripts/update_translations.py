#!/usr/bin/env python3
"""Refresh the translations of townclerk's texts and compile them.

The texts are written in Chinese in the code, inside ``t()``, ``N_()``, ``pt()`` and ``NP_()``
(townclerk/i18n.py). For every other language of ``townclerk.i18n.LANGUAGES`` this script

1. extracts them all from townclerk/ with Babel;
2. updates ``resources/i18n/<lang>/LC_MESSAGES/townclerk.po`` (created if new): texts new in
   the code are added untranslated, texts gone from the code are dropped (no ``#~`` entries),
   the entries are sorted and their references carry no line numbers, so two people adding
   texts do not fight over the file;
3. compiles ``townclerk.mo`` beside it, which the application reads;
4. lists what is wrong (and exits 1): an untranslated or fuzzy text, a translation whose
   ``{placeholders}`` or ``&`` keyboard accelerator differ from the Chinese.

``--check`` writes nothing and also fails on a .po entry the code no longer has, on a .po not
written as this script writes it, and on a .mo that does not say what its .po says
(tests/unit/test_translations.py runs it).

Usage, from the repository root (``make translations`` runs it):

    .venv/bin/python scripts/update_translations.py            # update, compile, list problems
    .venv/bin/python scripts/update_translations.py --check    # fail if anything is not current
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterable
from gettext import GNUTranslations
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from townclerk.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, placeholders  # noqa: E402

SOURCE_DIR = ROOT / "townclerk"
I18N_DIR = ROOT / "resources" / "i18n"
METHODS = [("db/migrations/**", "ignore"), ("**.py", "python")]
KEYWORDS = {"t": None, "N_": None, "pt": ((1, "c"), 2), "NP_": ((1, "c"), 2)}
HEADER = "# Translation of townclerk's texts, written in Chinese in the code.\n#"
_ACCELERATOR = re.compile(r"(?<!&)&(?!&)\S")

Key = tuple[str | None, str]  # (context, Chinese text)


def extract(source_dir: Path = SOURCE_DIR) -> dict[Key, set[str]]:
    """Every text of the code, with the files that use it."""
    found: dict[Key, set[str]] = {}
    for filename, _line, message, _comments, context in extract_from_dir(
        str(source_dir), METHODS, keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True
    ):
        if isinstance(message, str) and message:
            path = (source_dir / filename).relative_to(source_dir.parent).as_posix()
            found.setdefault((context, message), set()).add(path)
    return found


def po_path(lang: str) -> Path:
    return I18N_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path, lang: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, fuzzy=False)
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, domain=DOMAIN)


def updated(stored: Catalog, extracted: dict[Key, set[str]]) -> Catalog:
    """The code's texts with the stored translations (and translator comments); nothing else."""
    catalogue = Catalog(
        locale=stored.locale,
        domain=DOMAIN,
        header_comment=HEADER,
        project="townclerk",
        version=None,
        msgid_bugs_address="",
        creation_date=stored.creation_date,
        revision_date=stored.revision_date,
        last_translator=stored.last_translator,
        language_team=stored.language_team,
        fuzzy=False,
    )
    for (context, msgid), files in extracted.items():
        old = stored.get(msgid, context=context)
        catalogue.add(
            msgid,
            old.string if old is not None else "",
            locations=[(path, None) for path in sorted(files)],
            flags=["fuzzy"] if old is not None and old.fuzzy else (),
            user_comments=old.user_comments if old is not None else (),
            context=context,
        )
    return catalogue


def render_po(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalogue,
        width=100,
        sort_output=True,
        ignore_obsolete=True,
        include_previous=False,
        include_lineno=False,
    )
    # The Babel version that wrote the file is not worth a diff on every upgrade.
    lines = buffer.getvalue().splitlines(keepends=True)
    return b"".join(line for line in lines if not line.startswith(b'"Generated-By:'))


def render_mo(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    return buffer.getvalue()


def compiled_messages(data: bytes) -> dict[str, str]:
    """What a .mo says, as the application reads it (context and text joined by EOT)."""
    table = GNUTranslations(io.BytesIO(data))._catalog  # type: ignore[attr-defined]
    return {str(key): str(value) for key, value in table.items() if key != ""}


def check_pair(source: str, translation: str) -> str | None:
    """Why ``translation`` would break at run time or change a keyboard accelerator, if so."""
    if placeholders(source) != placeholders(translation):
        return (
            f"placeholders differ: {sorted(placeholders(source))} in the Chinese, "
            f"{sorted(placeholders(translation))} in the translation"
        )
    if bool(_ACCELERATOR.search(source)) != bool(_ACCELERATOR.search(translation)):
        return "only one of the Chinese and the translation has an & keyboard accelerator"
    return None


def _entries(catalogue: Catalog) -> Iterable[Message]:
    return (message for message in catalogue if message.id)


def _name(message: Message) -> str:
    return f"{message.id!r}" + (f" [context {message.context}]" if message.context else "")


def problems(catalogue: Catalog) -> list[str]:
    """What keeps the catalogue from being complete and safe to use."""
    found = []
    for message in _entries(catalogue):
        if not message.string or message.fuzzy:
            found.append(f"untranslated: {_name(message)}")
            continue
        problem = check_pair(str(message.id), str(message.string))
        if problem:
            found.append(f"{_name(message)} → {message.string!r}: {problem}")
    return found


def unused(stored: Catalog, extracted: dict[Key, set[str]]) -> list[str]:
    return [
        f"unused: {_name(message)} is not in the code any more"
        for message in _entries(stored)
        if (message.context, message.id) not in extracted
    ]


def stale_files(lang: str, catalogue: Catalog) -> list[str]:
    """The stored .po and .mo that differ from what this script writes."""
    found = []
    po, mo = po_path(lang), po_path(lang).with_suffix(".mo")
    if not po.exists() or po.read_bytes() != render_po(catalogue):
        found.append(f"{po.relative_to(ROOT)} is not as the script writes it")
    try:
        compiled = compiled_messages(mo.read_bytes())
    except OSError:
        compiled = None
    if compiled != compiled_messages(render_mo(catalogue)):
        found.append(f"{mo.relative_to(ROOT)} does not say what its .po says")
    return found


def translated_languages() -> list[str]:
    return [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; fail if anything is not current"
    )
    args = parser.parse_args(argv)
    extracted = extract()
    failed = False
    for lang in translated_languages():
        path = po_path(lang)
        stored = read_catalogue(path, lang)
        catalogue = updated(stored, extracted)
        found = problems(catalogue)
        if args.check:
            found += unused(stored, extracted) + stale_files(lang, catalogue)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(render_po(catalogue))
            path.with_suffix(".mo").write_bytes(render_mo(catalogue))
            dropped = len(unused(stored, extracted))
            print(f"{path.relative_to(ROOT)}: {len(extracted)} texts ({dropped} dropped), compiled")
        if found:
            failed = True
            print(f"{path.relative_to(ROOT)}:", *found, sep="\n  ", file=sys.stderr)
    if failed:
        again = "run" if args.check else "fill in the translations, then run"
        print(f"{again}: python scripts/update_translations.py", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
