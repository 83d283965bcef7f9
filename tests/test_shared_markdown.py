"""The forked helper that converts every second report page's Markdown
(checker/site/shared_markdown.py): its pages come out as MkDocs alone makes
them, and a warning on one of its pages still fails a strict build."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from checker.site.shared_markdown import SHARED_PREFIX, shared_markdown

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper needs fork")


def project(root: Path, broken_on: int | None = None) -> Path:
    docs = root / "docs"
    for i in range(4):
        page = docs / SHARED_PREFIX / f"s{i}" / "index.md"
        page.parent.mkdir(parents=True)
        link = "[missing](../nowhere.md)" if i == broken_on else "[home](../../index.md#top)"
        page.write_text(f"# State {i}\n\n## Gap {i} {{#g{i}}}\n\n| a | b |\n| - | - |\n| {i} | {link} |\n",
                        encoding="utf-8")
    (docs / "index.md").write_text("# Home {#top}\n\n" + "".join(
        f"- [s{i}]({SHARED_PREFIX}s{i}/index.md#g{i})\n" for i in range(4)), encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: t\nuse_directory_urls: false\nstrict: true\n"
                                     "markdown_extensions: [tables, attr_list, toc]\n"
                                     "validation: {links: {not_found: warn, anchors: warn}}\n",
                                     encoding="utf-8")
    return root / "mkdocs.yml"


def build(config: Path, site: Path, shared: bool) -> dict[str, str]:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    cfg = load_config(config_file=str(config), site_dir=str(site), strict=True)
    if shared:
        with shared_markdown():
            mkdocs_build(cfg)
    else:
        mkdocs_build(cfg)
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*.html"))}


def test_helper_pages_are_the_pages_mkdocs_makes(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("GAPCHECK_NO_FORK", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the theme prints the build date
    from mkdocs.commands import build as mkbuild

    seen = tmp_path / "converted-by"  # which process converted which page
    populate = mkbuild._populate_page

    def recording(page, *args, **kwargs):  # noqa: ANN001, ANN202
        with seen.open("a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {page.file.src_uri}\n")
        return populate(page, *args, **kwargs)

    monkeypatch.setattr(mkbuild, "_populate_page", recording)
    config = project(tmp_path)
    assert build(config, tmp_path / "a", shared=True) == build(config, tmp_path / "b", shared=False)
    by_helper = {line.split()[1] for line in seen.read_text(encoding="utf-8").splitlines()
                 if int(line.split()[0]) != os.getpid()}
    assert by_helper == {f"{SHARED_PREFIX}s1/index.md", f"{SHARED_PREFIX}s3/index.md"}


def test_a_warning_on_a_helper_page_fails_the_strict_build(tmp_path: Path, monkeypatch):
    from mkdocs.exceptions import Abort

    monkeypatch.delenv("GAPCHECK_NO_FORK", raising=False)
    config = project(tmp_path, broken_on=1)  # the helper takes every second page: s1 and s3
    with pytest.raises(Abort, match="warning"):
        build(config, tmp_path / "a", shared=True)
