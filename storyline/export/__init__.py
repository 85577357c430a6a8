"""Exports of a stored story; one module per format.

``bundle``: the canonical JSON bundle (shape in ``bundle.md``, schema in
``bundle.schema.json``).
"""

from __future__ import annotations

from storyline.export.bundle import (
    build_bundle,
    check_spans,
    encode_bundle,
    load_schema,
    validate_bundle,
    write_bundle,
)

__all__ = [
    "build_bundle",
    "check_spans",
    "encode_bundle",
    "load_schema",
    "validate_bundle",
    "write_bundle",
]
