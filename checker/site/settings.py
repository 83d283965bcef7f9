"""Site settings: the publisher's name on the site. A small YAML file given to
`gapcheck publish --settings FILE`; every key is optional and has a default.

    title: Regional gap report 2026
    organisation: Meridian Dialogue secretariat
    logo: logo.svg                 # beside this file; .svg or .png, up to 512 kB
    introduction: |
      Paragraphs of plain text shown on the home page.
    disclaimer: Not legal advice. ...
    licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}
    contact: {email: secretariat@example.org, url: https://example.org/contact}
    languages: [en, fr, es]        # one build per language under /en/ /fr/ /es/, with a
                                   # language switcher; the first is the default

Everything is shown as text (escaped); only http(s) addresses become links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, did_you_mean
from ..i18n import LANGUAGES as I18N_LANGUAGES

DEFAULT_TITLE = "gapcheck — gap reports"
DEFAULT_DISCLAIMER = ("Not legal advice. gapcheck compares the facts a profile states about a "
                      "national framework with the international standards; it does not interpret "
                      "national law.")
# the languages gapcheck's pages, interface and knowledge base are written in
LANGUAGES = I18N_LANGUAGES
LOGO_SUFFIXES = (".svg", ".png")
MAX_LOGO = 512 * 1024
MAX_TEXT = 4000
KEYS = ("title", "organisation", "logo", "introduction", "disclaimer", "licence", "contact",
        "languages")
_URL = re.compile(r"https?://[^\s<>\"'()\\`]+")
_EMAIL = re.compile(r"[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Settings:
    title: str = DEFAULT_TITLE
    organisation: str | None = None
    logo: Path | None = None
    introduction: tuple[str, ...] = ()  # paragraphs
    disclaimer: str = DEFAULT_DISCLAIMER
    licence_name: str | None = None
    licence_url: str | None = None
    contact_email: str | None = None
    contact_url: str | None = None
    languages: tuple[str, ...] = ("en",)
    path: Path | None = field(default=None, compare=False)

    @property
    def language(self) -> str:
        return self.languages[0]

    def title_in(self, loc) -> str:  # noqa: ANN001 - an i18n.Locale
        """The site's title in a language: the publisher's as written, the default translated."""
        return loc._("gapcheck — gap reports") if self.title == DEFAULT_TITLE else self.title

    def disclaimer_in(self, loc) -> str:  # noqa: ANN001 - an i18n.Locale
        """The disclaimer in a language: the publisher's as written, the default translated."""
        if self.disclaimer != DEFAULT_DISCLAIMER:
            return self.disclaimer
        return loc._("Not legal advice. gapcheck compares the facts a profile states about a national "
                     "framework with the international standards; it does not interpret national law.")


def parse_languages(value: str) -> tuple[str, ...]:
    """`--languages en,fr,es`: the codes, in order, each once; exit 2 on an unknown one."""
    codes = tuple(dict.fromkeys(c.strip().lower() for c in value.split(",") if c.strip()))
    if not codes:
        raise InputError.at(None, None, "--languages needs at least one language code",
                            "e.g. --languages en,fr,es")
    for code in codes:
        if code not in LANGUAGES:
            raise InputError.at(None, None, f"--languages: unknown language '{code}'",
                                did_you_mean(code, LANGUAGES) or "one of: " + ", ".join(LANGUAGES))
    return codes


def load(path: str | Path | None) -> Settings:
    """The settings in FILE, or the defaults when no file is given."""
    if path is None:
        return Settings()
    from ..profile.load import read_text
    from ..profile.yaml_syntax import line_of, read_yaml

    path = Path(path)
    data = read_yaml(path, read_text(path))
    if data is None:
        return Settings(path=path)
    if not isinstance(data, dict):
        raise InputError.at(path, 1, "site settings must be a mapping of keys to values",
                            "allowed keys: " + ", ".join(KEYS))
    problems: list[Problem] = []

    def bad(key: str, message: str, hint: str | None = None, container: Any = data) -> None:
        problems.append(Problem(str(path), line_of(container, key), message, hint))

    def text(key: str, container: Any = data, where: str = "") -> str | None:
        value = container.get(key)
        if value is None:
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
            bad(key, f"'{where}{key}' must be text", container=container)
            return None
        if len(str(value)) > MAX_TEXT:
            bad(key, f"'{where}{key}' is longer than {MAX_TEXT} characters", container=container)
            return None
        return str(value).strip()

    def address(key: str, container: Any, where: str, pattern: re.Pattern, what: str) -> str | None:
        value = text(key, container, where)
        if value is not None and not pattern.fullmatch(value):
            bad(key, f"'{where}{key}' is not {what}: {value!r}", container=container)
            return None
        return value

    for key in data:
        if key not in KEYS:
            bad(key, f"unknown key '{key}' in the site settings",
                did_you_mean(str(key), KEYS) or "allowed keys: " + ", ".join(KEYS))
    kw: dict[str, Any] = {"path": path}
    for key in ("title", "organisation", "disclaimer"):
        if (value := text(key)) is not None:
            kw[key] = value
    if (intro := text("introduction")) is not None:
        kw["introduction"] = tuple(p.strip() for p in re.split(r"\n\s*\n", intro) if p.strip())
    for key, fields in (("licence", ("name", "url")), ("contact", ("email", "url"))):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, str):  # a licence given by name only
            value = {"name": value} if key == "licence" else {"email": value}
        if not isinstance(value, dict):
            bad(key, f"'{key}' must be a mapping with {' and '.join(fields)}")
            continue
        for sub in value:
            if sub not in fields:
                bad(sub, f"unknown key '{sub}' under '{key}'", "allowed: " + ", ".join(fields),
                    container=value)
        if key == "licence":
            kw["licence_name"] = text("name", value, "licence.")
            kw["licence_url"] = address("url", value, "licence.", _URL, "a web address")
        else:
            kw["contact_email"] = address("email", value, "contact.", _EMAIL, "an e-mail address")
            kw["contact_url"] = address("url", value, "contact.", _URL, "a web address")
    if (langs := data.get("languages")) is not None:
        if isinstance(langs, str):
            langs = [langs]
        if not isinstance(langs, list) or not langs:
            bad("languages", "'languages' must be a list of language codes, e.g. [en, fr]")
        else:
            for i, lang in enumerate(langs):
                if str(lang) not in LANGUAGES:
                    problems.append(Problem(str(path), line_of(langs, i), f"unknown language "
                                            f"'{lang}'", did_you_mean(str(lang), LANGUAGES)
                                            or "one of: " + ", ".join(LANGUAGES)))
            kw["languages"] = tuple(dict.fromkeys(str(x) for x in langs))
    if (logo := text("logo")) is not None:
        logo_path = (path.parent / logo).resolve()
        if logo_path.suffix.lower() not in LOGO_SUFFIXES:
            bad("logo", f"the logo must be an .svg or .png file: {logo}")
        elif not logo_path.is_file():
            bad("logo", f"no logo file at {logo_path}", "give a path relative to the settings file")
        elif logo_path.stat().st_size > MAX_LOGO:
            bad("logo", f"the logo is larger than {MAX_LOGO // 1024} kB")
        else:
            kw["logo"] = logo_path
    if problems:
        raise InputError(problems)
    return Settings(**{k: v for k, v in kw.items() if v is not None or k == "path"})
