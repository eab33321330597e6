"""Turning raw bytes into the normalised text that every offset downstream points into.

Everything here either returns clean text or raises ``Rejected`` with a short reason, so the
callers can turn a bad document into an ``InputError`` and carry on with the batch.
"""

from __future__ import annotations

import os
import unicodedata

SNIFF_BYTES = 8192  # enough of a file to tell text from binary
# C0 controls other than the whitespace ones (\t \n \v \f \r), plus DEL: rare in any real text.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.3
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class Rejected(Exception):
    """A document or record that cannot be used; the message is the user-facing reason."""


def normalise_text(raw: str) -> str:
    """Canonical text for offsets: no BOM, ``\\n`` line ends, NFC, no outer whitespace.

    Deliberately nothing more: every later stage stores offsets into exactly this string.
    """
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def too_large(size: int, limit: int) -> str:
    """The reason for a file or line over the limit, e.g. "too large: 50.0 MB, limit 20.0 MB"."""
    return f"too large: {_human_size(size)}, limit {_human_size(limit)}"


def _human_size(size: int) -> str:
    """Decimal units, so a small test limit does not read as "0.0 MB"."""
    if size >= 1_000_000:
        return f"{size / 1e6:.1f} MB"
    return f"{size / 1e3:.1f} kB" if size >= 1000 else f"{size} bytes"


def read_capped(path: str, max_bytes: int) -> bytes:
    """Read a whole file, refusing by ``stat`` size before reading so huge files never load.

    The read itself is capped too, for files that grow meanwhile or report no size (pipes).
    """
    size = os.stat(path).st_size
    if size > max_bytes:
        raise Rejected(too_large(size, max_bytes))
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Rejected(too_large(len(data), max_bytes))
    return data


def looks_binary(data: bytes) -> bool:
    """NUL bytes anywhere, or a start that is mostly control bytes, mean this is not text."""
    if b"\x00" in data:
        return True
    sample = data[:SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def decode(data: bytes, fallback: str | None = None) -> str:
    """Decode UTF-8 (or ``fallback``, a charset the document itself declares), strictly.

    UTF-8 is tried first even when a charset is declared, because pages that claim a legacy
    charset but are really UTF-8 are common, while legacy text is almost never valid UTF-8.
    """
    if data.startswith(_UTF16_BOMS):
        raise Rejected("UTF-16 text, not UTF-8; convert it to UTF-8")
    if looks_binary(data):
        raise Rejected("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if fallback is None:
            raise Rejected(_bad_byte("UTF-8", data, error)) from None
    try:
        return data.decode(fallback)
    except UnicodeDecodeError as error:
        raise Rejected(_bad_byte(fallback, data, error)) from None


def _bad_byte(encoding: str, data: bytes, error: UnicodeDecodeError) -> str:
    """Say which byte broke decoding and where, so the user can find it."""
    return f"not valid {encoding} (invalid byte 0x{data[error.start]:02x} at offset {error.start})"
