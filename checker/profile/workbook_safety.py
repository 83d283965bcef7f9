"""Open a questionnaire workbook as untrusted input: a regular file within the
size limit; a zip checked with the zipfile module before any XML is parsed
(member count, each member's uncompressed size read in full so a lying header
cannot hide a bomb, no encryption, no macros, no external links); then openpyxl
with formulas read as formulas (never evaluated) and links not kept. openpyxl
parses XML through defusedxml, a dependency for that reason."""

from __future__ import annotations

import io
import os
import stat
import warnings
import zipfile
from pathlib import Path

from ..errors import InputError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_MEMBERS = 400
MAX_MEMBER_BYTES = 25 * 1024 * 1024
MAX_TOTAL_BYTES = 60 * 1024 * 1024
CHUNK = 1 << 16


def read_bytes(path: Path) -> bytes:
    """The file's bytes, if it is a regular file within the size limit."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then refuses it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError.at(path, None, "this is not a regular file",
                                    "give the .xlsx file the questionnaire was saved as")
            if info.st_size > MAX_FILE_BYTES:
                raise InputError.at(path, None, f"the file is {info.st_size // (1024 * 1024)} MB; "
                                    f"questionnaires are limited to {MAX_FILE_BYTES // (1024 * 1024)} MB")
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError.at(path, None, "no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError.at(path, None, "this is a folder, not a workbook",
                            "give the .xlsx file") from None
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read the file: {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError.at(path, None, "the file grew past the size limit while it was read")
    return data


def check_zip(path: Path, data: bytes) -> None:
    """Refuse what is not a plain .xlsx within bounds, before any XML is parsed."""
    if not data.startswith(b"PK"):
        hint = ("save it as an Excel workbook (.xlsx) without a password to open"
                if data.startswith(b"\xd0\xcf\x11\xe0") else "give the .xlsx questionnaire")
        raise InputError.at(path, None, "this is not an .xlsx workbook", hint)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise InputError.at(path, None, f"the workbook has {len(members)} parts; "
                                    f"a questionnaire has far fewer (limit {MAX_MEMBERS})")
            total = 0
            for info in members:
                name = info.filename
                if info.flag_bits & 0x1:
                    raise InputError.at(path, None, f"part {name} is encrypted",
                                        "save the workbook without a password")
                if info.file_size > MAX_MEMBER_BYTES:
                    raise InputError.at(path, None, f"part {name} unpacks to "
                                        f"{info.file_size // (1024 * 1024)} MB (limit "
                                        f"{MAX_MEMBER_BYTES // (1024 * 1024)} MB)")
                lowered = name.lower()
                if lowered.startswith("xl/externallinks/"):
                    raise InputError.at(path, None, "the workbook links to other files",
                                        "remove the links (Data > Edit Links > Break Link) and "
                                        "type the values instead")
                if lowered.endswith("vbaproject.bin"):
                    raise InputError.at(path, None, "the workbook contains macros",
                                        "save it as a plain .xlsx workbook, without macros")
                total += _unpacked_size(archive, info, path)
                if total > MAX_TOTAL_BYTES:
                    raise InputError.at(path, None, "the workbook unpacks to more than "
                                        f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB")
    except zipfile.BadZipFile as exc:
        raise InputError.at(path, None, f"the workbook is damaged: {exc}",
                            "open it and save it again as .xlsx") from None


def _unpacked_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> int:
    """Read a member in chunks, counting: a header that lies about the size is
    caught here (zipfile also checks the CRC at the end)."""
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > MAX_MEMBER_BYTES:
                raise InputError.at(path, None, f"part {info.filename} unpacks to more than "
                                    f"{MAX_MEMBER_BYTES // (1024 * 1024)} MB")
    return size


def open_workbook(path: Path):
    data = read_bytes(path)
    check_zip(path, data)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it does not read (e.g. LibreOffice's)
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=False, data_only=False,
                                 keep_links=False, keep_vba=False, rich_text=False)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise InputError.at(path, None, f"the workbook cannot be read: {exc}",
                            "open it in a spreadsheet program and save it again as .xlsx") from None
