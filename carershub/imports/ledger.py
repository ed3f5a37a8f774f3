"""What a source row said when it was last imported, and what a changed row may change.

A ``SourceRecord`` keeps, for each row, one short keyed hash per field it filled (never the
value) and a fingerprint of them all. On the next run of a file:

- the same fingerprint: the row is "unchanged" and nothing is written;
- otherwise, field by field (``changes``): a field whose value in their system did not change
  is left alone; one that did change is copied to our record if our record still holds what
  the last import put there (or nothing), and kept as it is if somebody here changed it since
  (the report says which). So a re-import carries their corrections over without undoing ours.

A merge with a record we already had only ever fills our blank fields (``fills``).

The hashes are keyed with a key derived from the service's secret key, so nobody holding the
table can test guesses of a date of birth or an NHS number against it (the record they were
imported into may since have been erased). Changing ``CARERSHUB_SECRET_KEY`` makes every
hash differ: the next run of a file then reports its rows "updated" and, seeing every value
as changed here, keeps ours.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.db import models


def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


def canonical(value: Any) -> str:
    """One text for equal values, however they arrived: 20 and "20", a date and its ISO form."""
    if is_blank(value):
        return ""
    if value is True:
        return "1"
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "\x1e".join(sorted(str(item) for item in value))
    return str(value)


class Hasher:
    def __init__(self):
        key = hashlib.blake2b(settings.SECRET_KEY.encode(), person=b"carershub-import", digest_size=32).digest()
        # Keyed once; each hash starts from a copy (keying again would cost a compression each time).
        self._field = hashlib.blake2b(key=key, digest_size=6)
        self._row = hashlib.blake2b(key=key, digest_size=16)
        self._seen: dict[tuple[str, str], str] = {}

    def value(self, name: str, value: Any) -> str | None:
        """The keyed hash of one field's value; None for a blank (blank fields are not kept)."""
        text = value if type(value) is str else canonical(value)
        if not text:
            return None
        key = (name, text)
        digest = self._seen.get(key)
        if digest is None:
            hashing = self._field.copy()
            hashing.update(f"{name}\x1f{text}".encode())
            digest = hashing.hexdigest()
            # Values repeat (names, dates, codes): remembered, in a memory emptied when full.
            if len(self._seen) >= 50_000:
                self._seen.clear()
            self._seen[key] = digest
        return digest

    def fields(self, values: dict[str, Any]) -> dict[str, str]:
        hashes = {}
        for name, value in values.items():
            digest = self.value(name, value)
            if digest is not None:
                hashes[name] = digest
        return hashes

    def fingerprint(self, hashes: dict[str, str]) -> str:
        digest = self._row.copy()
        digest.update("\x1e".join(f"{name}={hashes[name]}" for name in sorted(hashes)).encode())
        return digest.hexdigest()

    def changes(
        self, new: dict[str, Any], new_hashes: dict[str, str], old_hashes: dict[str, str], ours: dict[str, Any]
    ) -> tuple[dict[str, Any], list[str]]:
        """(what to copy to our record, the fields kept because they were changed here since)."""
        copy, kept = {}, []
        for name, value in new.items():
            before = old_hashes.get(name)
            if new_hashes.get(name) == before:
                continue  # unchanged in their system
            current = ours.get(name)
            current_hash = self.value(name, current)
            if current_hash == new_hashes.get(name):
                continue  # we already hold their new value
            if current_hash is None or current_hash == before:
                copy[name] = value
            else:
                kept.append(name)
        return copy, kept


def fills(new: dict[str, Any], ours: dict[str, Any]) -> dict[str, Any]:
    """Their values for the fields that are blank on our record; nothing of ours is overwritten."""
    return {name: value for name, value in new.items() if not is_blank(value) and is_blank(ours.get(name))}
