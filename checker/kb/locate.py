"""Which knowledge base a run reads, and that it is there.

In order: the folder given with `--kb DIR`, the folder in the environment
variable GAPCHECK_KB, the knowledge base installed with gapcheck (or, in a
source checkout, the clone's own folders). A folder that is missing or lacks
any of the parts is an error that says so (exit 2), never an empty pass."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .. import resources
from ..errors import InputError
from .languages import translation_language

ENV = "GAPCHECK_KB"
HINT = ("give --kb DIR (or set GAPCHECK_KB) to a folder holding ontology/, instruments/ and "
        "shapes/, such as a clone of gapcheck, or reinstall gapcheck")


def turtle_files(folder: Path) -> list[Path]:
    """The (English) source Turtle files of a folder and its subfolders, in a stable
    order; their translations (`*.fr.ttl`, `*.es.ttl`) are listed by translation_files."""
    return sorted(p for p in folder.rglob("*.ttl") if translation_language(p) is None)


def translation_files(folder: Path) -> list[Path]:
    """The translation files (`<name>.<lang>.ttl`) of a folder and its subfolders."""
    return sorted(p for p in folder.rglob("*.ttl") if translation_language(p) is not None)


@dataclass(frozen=True)
class KbFolders:
    """The folders of one knowledge base, and how they were chosen (for messages)."""

    root: Path
    chosen_by: str

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def instruments(self) -> Path:
        return self.root / "instruments"

    @property
    def shapes(self) -> Path:
        return self.root / "shapes"

    def kb_files(self) -> list[Path]:
        """The vocabulary, the instruments and the requirement catalogue, found by glob,
        then the French and Spanish translations of every source (shape messages too)."""
        return (turtle_files(self.ontology) + turtle_files(self.instruments)
                + self.catalogue_files() + self.translation_files())

    def catalogue_files(self) -> list[Path]:
        return [p for p in sorted((self.shapes / "requirements").glob("catalogue*.ttl"))
                if translation_language(p) is None]

    def source_folders(self) -> list[Path]:
        """The folders whose English texts are translated."""
        return [self.ontology, self.instruments, self.shapes / "requirements"]

    def source_files(self) -> list[Path]:
        """Every source file whose texts are translated."""
        return [p for folder in self.source_folders() for p in turtle_files(folder)]

    def translation_files(self) -> list[Path]:
        return [p for folder in self.source_folders() for p in translation_files(folder)]

    def requirement_shape_files(self) -> list[Path]:
        return [p for p in turtle_files(self.shapes / "requirements")
                if not p.name.startswith("catalogue")]

    def meta_shape_files(self) -> list[Path]:
        return turtle_files(self.shapes / "kb")

    def missing(self) -> list[str]:
        """The parts that have no Turtle files (each part must have some)."""
        parts = (("the vocabulary (ontology/*.ttl)", turtle_files(self.ontology)),
                 ("the instruments (instruments/*.ttl)", turtle_files(self.instruments)),
                 ("the requirement catalogue (shapes/requirements/catalogue*.ttl)",
                  self.catalogue_files()),
                 ("the requirement shapes (shapes/requirements/*.ttl)",
                  self.requirement_shape_files()),
                 ("the meta-shapes (shapes/kb/*.ttl)", self.meta_shape_files()))
        return [what for what, files in parts if not files]


def find(kb_dir: str | Path | None = None) -> KbFolders:
    """The knowledge base to read; InputError when it is missing or incomplete."""
    if kb_dir is not None:
        folders = KbFolders(Path(kb_dir), "--kb")
    elif os.environ.get(ENV):
        folders = KbFolders(Path(os.environ[ENV]), ENV)
    else:
        root = resources.data_root()
        if root is None:
            raise InputError.at(None, None, "gapcheck cannot find its knowledge base: this "
                                "installation carries no ontology/, instruments/ or shapes/", HINT)
        folders = KbFolders(root, "installed with gapcheck" if resources.checkout_root() is None
                            else "the source checkout")
    if not folders.root.is_dir():
        raise InputError.at(folders.root, None, f"the knowledge base folder ({folders.chosen_by}) "
                            "does not exist", HINT)
    missing = folders.missing()
    if missing:
        raise InputError.at(folders.root, None, f"this is no complete knowledge base ({folders.chosen_by}): "
                            "it lacks " + "; ".join(missing), HINT)
    return folders.__class__(folders.root.resolve(), folders.chosen_by)
