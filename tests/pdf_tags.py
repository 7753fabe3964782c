"""What a screen reader needs from a PDF (PDF/UA-1, ISO 14289-1): a tagged structure, a language, a
title it shows, and the PDF/UA mark. Read with pypdf, so the check is of the file, not of our HTML."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject


def _tags(node: Any, found: Counter[str], depth: int = 0) -> None:
    """Count each structure element's tag; a figure with no text alternative counts as "Figure:no-alt"."""
    if isinstance(node, IndirectObject):
        node = node.get_object()
    if isinstance(node, ArrayObject):
        for kid in node:
            _tags(kid, found, depth)
        return
    if not isinstance(node, DictionaryObject) or depth > 200:
        return
    if "/S" in node:
        tag = str(node["/S"]).lstrip("/")
        found[tag] += 1
        if tag == "Figure" and not str(node.get("/Alt", "")).strip():
            found["Figure:no-alt"] += 1
    if "/K" in node:
        _tags(node["/K"], found, depth + 1)


def _dictionary(value: Any) -> DictionaryObject:
    """The dictionary a value is or points to; an empty one when it is missing or something else."""
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _root(pdf: bytes) -> tuple[PdfReader, DictionaryObject]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, _dictionary(reader.trailer["/Root"])


def structure(pdf: bytes) -> Counter[str]:
    """How many of each structure tag (H1, P, Table, Figure...) the PDF holds."""
    _, root = _root(pdf)
    found: Counter[str] = Counter()
    _tags(_dictionary(root.get("/StructTreeRoot")).get("/K"), found)
    return found


def tagging_problems(pdf: bytes) -> list[str]:
    """What stops the PDF being read as PDF/UA; an empty list when nothing does."""
    reader, root = _root(pdf)
    problems = []
    if not _dictionary(root.get("/MarkInfo")).get("/Marked"):
        problems.append("not marked as tagged (/MarkInfo /Marked true)")
    if "/StructTreeRoot" not in root:
        problems.append("no structure tree")
    if not str(root.get("/Lang", "")):
        problems.append("no document language (/Lang)")
    if not _dictionary(root.get("/ViewerPreferences")).get("/DisplayDocTitle"):
        problems.append("the viewer is not told to show the title (/DisplayDocTitle)")
    if not (reader.metadata and reader.metadata.title):
        problems.append("no title")
    if structure(pdf)["Figure:no-alt"]:
        problems.append("a figure has no text alternative (/Alt)")
    xmp = root.get("/Metadata")
    xmp = xmp.get_object() if isinstance(xmp, IndirectObject) else xmp
    if not isinstance(xmp, StreamObject) or b"pdfuaid" not in xmp.get_data():
        problems.append("no PDF/UA identification in the XMP metadata (pdfuaid:part)")
    return problems
