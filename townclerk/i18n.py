"""The language of every user-visible text: screens, messages, the command line.

The source language is Chinese, the language of the domain and of the printed documents. Text
is written in Chinese where it is shown, with named placeholders::

    raise ValidationError(t("身份证号码应为18位，现为{count}位", count=len(number)))
    self.accept_button = QPushButton(t("受理(&A)"))

In Chinese (the default) :func:`t` only fills the placeholders and reads no file. In another
language it looks the text up in that language's gettext catalogue,
``resources/i18n/<lang>/LC_MESSAGES/townclerk.mo``, compiled from the ``.po`` beside it by
``scripts/update_translations.py`` (which also extracts the texts from the code).

Text built when a module is imported (labels in a table, the enums' labels) is marked with
:func:`N_`, which returns it unchanged so that printed documents keep their Chinese, and is
translated where it is shown: ``t(member.label)``. A Chinese text that needs two different
translations takes a context: :func:`pt` (and :func:`NP_` to mark one at import time).
"""

from __future__ import annotations

import logging
import threading
from string import Formatter
from typing import TYPE_CHECKING, Protocol

from townclerk.paths import resource_path

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger("townclerk.i18n")

DEFAULT_LANGUAGE = "zh_CN"  # the source language: it reads no catalogue
LANGUAGES = ("zh_CN", "en")
DOMAIN = "townclerk"


class _Catalogue(Protocol):
    def gettext(self, message: str, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...


_language = DEFAULT_LANGUAGE
_catalogues: dict[str, _Catalogue] = {}
_warned: set[str] = set()
_lock = threading.Lock()


def set_language(lang: str) -> None:
    """Choose the language of every text from now on: one of :data:`LANGUAGES`."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    _language = lang


def current_language() -> str:
    return _language


def N_(msgid: str) -> str:
    """Mark text built at import time for the catalogue; :func:`t` translates it where shown.

    (Named after gettext's ``N_``, the usual mark for "translate later".)"""
    return msgid


def NP_(context: str, msgid: str) -> str:
    """:func:`N_` for a text that :func:`pt` translates in ``context``."""
    return msgid


def t(msgid: str, /, **params: object) -> str:
    """``msgid`` (Chinese) in the current language, with ``params`` filled in.

    With no params the text is returned as it is (no brace processing), so ``t()`` is safe on
    labels. A text the catalogue lacks is shown in Chinese, with a warning logged once; a
    translation that cannot be filled falls back to the Chinese text too.
    """
    if _language == DEFAULT_LANGUAGE:
        return msgid.format(**params) if params else msgid
    return _fill(msgid, _catalogue().gettext(msgid), params)


def pt(context: str, msgid: str, /, **params: object) -> str:
    """:func:`t` for a Chinese text whose translation depends on ``context``."""
    if _language == DEFAULT_LANGUAGE:
        return msgid.format(**params) if params else msgid
    return _fill(msgid, _catalogue().pgettext(context, msgid), params)


def placeholders(template: str) -> set[str]:
    """The names of a template's ``{placeholders}`` (format specs and ``{{`` escapes aside)."""
    names = set()
    for _literal, field, _spec, _conversion in Formatter().parse(template):
        if field is not None:
            names.add(field.split(".")[0].split("[")[0])
    return names


def catalogue_path(lang: str) -> Path:
    """The compiled catalogue of ``lang`` (the ``.po`` it is compiled from lies beside it)."""
    return resource_path("i18n", lang, "LC_MESSAGES", f"{DOMAIN}.mo")


def _fill(msgid: str, text: str, params: dict[str, object]) -> str:
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        _warn_once(msgid, "the translation of %r does not fit its placeholders")
        return msgid.format(**params)


def _catalogue() -> _Catalogue:
    """The current language's catalogue, read on its first use (so Chinese never reads one)."""
    catalogue = _catalogues.get(_language)
    if catalogue is None:
        with _lock:
            catalogue = _catalogues.get(_language)
            if catalogue is None:
                catalogue = _catalogues[_language] = _load(_language)
    return catalogue


def _load(lang: str) -> _Catalogue:
    import gettext  # only a translated interface needs these
    import struct

    class Untranslated(gettext.NullTranslations):
        """Behind the catalogue: a text it lacks is shown in Chinese, with one warning."""

        def gettext(self, message: str) -> str:
            _warn_once(message, "no translation for %r; showing it in Chinese")
            return message

        def pgettext(self, context: str, message: str) -> str:
            _warn_once(f"{context}\x04{message}", "no translation for %r; showing it in Chinese")
            return message

    path = catalogue_path(lang)
    try:
        with path.open("rb") as stream:
            catalogue = gettext.GNUTranslations(stream)
    except (OSError, ValueError, IndexError, struct.error) as error:
        log.warning("the %s catalogue %s is unavailable (%s); showing Chinese", lang, path, error)
        return gettext.NullTranslations()
    catalogue.add_fallback(Untranslated())
    return catalogue


def _warn_once(key: str, message: str) -> None:
    with _lock:
        if key in _warned:
            return
        _warned.add(key)
    log.warning(message, key.replace("\x04", " / "))
