"""The site in several languages: one MkDocs build per language, each under its
own folder (/en/, /fr/, /es/) with the same page paths, so a page and a finding
keep the same address in every language (en/report/qba-2026/index.html#PRO-01
and fr/report/qba-2026/index.html#PRO-01). The root index.html sends a reader
to the language the browser asks for. A site in one language keeps the old
layout: the pages at the root.

Hand-written pages are English in site/docs/; their translations sit in
site/i18n/<lang>/ with the same paths. A page with no translation is shown in
English, marked as such (its `lang` attribute too), and its navigation title
says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from markupsafe import escape

from ..i18n import NATIVE_NAMES, SOURCE_LANGUAGE, locale

I18N_FOLDER = "i18n"  # beside docs/ in the site project


def folder(lang: str, languages: tuple[str, ...]) -> str:
    """The folder of a language in the built site ("" when it is the only one)."""
    return lang if len(languages) > 1 else ""


def switcher(languages: tuple[str, ...]) -> list[dict[str, str]]:
    """The languages offered by the switcher on every page, each named in itself."""
    return [{"code": code, "name": NATIVE_NAMES[code]} for code in languages] \
        if len(languages) > 1 else []


def localise_docs(project: Path, lang: str) -> list[str]:
    """Put the translated hand-written pages of `lang` over the English ones in the
    copied project; mark the pages left in English. Returns those pages (paths
    relative to docs/)."""
    docs = project / "docs"
    own = project / I18N_FOLDER / lang
    english_only = []
    if lang == SOURCE_LANGUAGE:
        return english_only
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs).as_posix()
        translated = own / rel
        if translated.is_file():
            shutil.copyfile(translated, page)
            continue
        english_only.append(rel)
        page.write_text(in_english(page.read_text(encoding="utf-8"), lang), encoding="utf-8")
    return english_only


def in_english(text: str, lang: str) -> str:
    """A page that has no translation, as a page in `lang` shows it: a note that
    it is in English, and the text marked as English."""
    if lang == SOURCE_LANGUAGE:
        return text
    note = locale(lang)._("This page exists in English only.")
    return f'!!! note ""\n    {escape(note)}\n\n<div lang="en" markdown>\n\n{text}\n\n</div>\n'


def root_page(languages: tuple[str, ...], title: str) -> str:
    """The root index.html of a site in several languages: it opens the language
    the browser prefers among the site's, else the first; without script, a list."""
    links = "\n".join(f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">'
                      f"{escape(NATIVE_NAMES[code])}</a></li>" for code in languages)
    codes = json.dumps(list(languages))
    return f"""<!doctype html>
<html lang="{languages[0]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title>
<script>
(function () {{
  var site = {codes}, wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).slice(0, 2).toLowerCase();
    if (site.indexOf(code) >= 0) {{ location.replace(code + "/index.html" + location.hash); return; }}
  }}
  location.replace(site[0] + "/index.html" + location.hash);
}})();
</script>
</head>
<body>
<h1>{escape(title)}</h1>
<ul>
{links}
</ul>
</body>
</html>
"""

