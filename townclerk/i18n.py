"""The language of the messages that Qt-free code produces (errors, import problems, labels).

The screens are translated by Qt (``tr()``); the services, the catalog reader and the command
line have no Qt, so their messages go through :func:`t`. The source text is the Chinese message,
written where it is raised, with named placeholders::

    raise ValidationError(t("身份证号码应为18位，现为{count}位", count=len(number)))

In Chinese (the default) :func:`t` only fills the placeholders. In English it looks the Chinese
template up in ``resources/i18n/en/messages.json`` (Chinese template → English template, same
placeholders) first. ``scripts/update_messages.py`` keeps that file in step with the code.

Text built when a module is imported (labels in a table, column headers) is marked with
:func:`N_`, which returns it unchanged so that printed documents keep their Chinese, and is
translated where a screen or a message shows it: ``t(measure.label)``.
"""

from __future__ import annotations

import json
import logging
import threading
from string import Formatter

from townclerk.paths import resource_path

log = logging.getLogger("townclerk.i18n")

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
CATALOGUE_PARTS = ("i18n", "en", "messages.json")

_language = DEFAULT_LANGUAGE
_english: dict[str, str] | None = None
_warned: set[str] = set()
_lock = threading.Lock()


def set_language(lang: str) -> None:
    """Choose the language of every message from now on: ``zh_CN`` or ``en``."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    _language = lang


def current_language() -> str:
    return _language


def N_(template: str) -> str:
    """Mark text built at import time for the catalogue; :func:`t` translates it where shown.

    (Named after gettext's ``N_``, the usual mark for "translate later".)"""
    return template


def t(template: str, /, **params: object) -> str:
    """``template`` (Chinese) in the current language, with ``params`` filled in.

    With no params the text is returned as it is (no brace processing), so ``t()`` is safe on
    labels. A template the English catalogue lacks is shown in Chinese, with a warning logged
    once; a catalogue entry that cannot be filled falls back to the Chinese template too.
    """
    if _language == DEFAULT_LANGUAGE:
        return template.format(**params) if params else template
    english = _english_catalogue().get(template)
    if not english:
        _warn_once(template, "no English text for message %r; showing it in Chinese")
        return template.format(**params) if params else template
    if not params:
        return english
    try:
        return english.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        _warn_once(template, "the English text of %r does not fit its placeholders")
        return template.format(**params)


def placeholders(template: str) -> set[str]:
    """The names of a template's ``{placeholders}`` (format specs and ``{{`` escapes aside)."""
    names = set()
    for _literal, field, _spec, _conversion in Formatter().parse(template):
        if field is not None:
            names.add(field.split(".")[0].split("[")[0])
    return names


def load_catalogue() -> dict[str, str]:
    """The English catalogue as stored: Chinese template → English template (may be empty)."""
    with resource_path(*CATALOGUE_PARTS).open(encoding="utf-8") as stream:
        entries = json.load(stream)
    if not isinstance(entries, dict):
        raise ValueError("resources/i18n/en/messages.json must hold one JSON object")
    return {str(source): str(english) for source, english in entries.items()}


def _english_catalogue() -> dict[str, str]:
    """Loaded on first use in English, once: starting in Chinese never reads the file."""
    global _english
    if _english is None:
        with _lock:
            if _english is None:
                try:
                    _english = load_catalogue()
                except (OSError, ValueError) as error:
                    log.warning("English messages unavailable (%s); showing Chinese", error)
                    _english = {}
    return _english


def _warn_once(template: str, message: str) -> None:
    with _lock:
        if template in _warned:
            return
        _warned.add(template)
    log.warning(message, template)
