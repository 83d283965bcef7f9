"""Where the data that ships with gapcheck is: the knowledge base (ontology/,
instruments/, shapes/) and the MkDocs project (site/).

Installed from a wheel, they are inside the package, in checker/data/ (the
build maps the top-level folders there). In a source checkout (an editable
install, or running from the clone) they are the top-level folders beside the
package, so that edits to them are read at once."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DATA_FOLDERS = ("ontology", "instruments", "shapes", "site")


def installed_data() -> Path | None:
    """checker/data/ of an installed wheel, or None."""
    package = resources.files("checker")
    if isinstance(package, Path):  # an installed wheel is a folder, never a zip
        inside = package / "data"
        if inside.is_dir():
            return inside
    return None


def checkout_root() -> Path | None:
    """The source checkout this package runs from, if it runs from one."""
    if installed_data() is not None:
        return None
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "ontology").is_dir():
        return checkout
    return None


def data_root() -> Path | None:
    """The folder that holds ontology/, instruments/, shapes/ and site/, or None
    when this installation carries none of them."""
    return installed_data() or checkout_root()
