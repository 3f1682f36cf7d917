"""Re-ingest never lowers an access level silently, and every change of a document's metadata is named.

Document ids are content hashes, so ingesting the same text again (or a new version of a file at the same
path) with other metadata replaces the document. A re-upload that simply omits `access_level` would make a
restricted report readable by staff. The access level of the new version is therefore at least the highest
of the versions it replaces, unless the caller passes `allow_downgrade` (an admin's explicit choice); every
field that changes is listed, for the ingest result, the document's warnings and the audit log.
"""

from __future__ import annotations

from retrieval.models import AccessLevel, DocumentInfo, DocumentMeta

_RANK = {AccessLevel.PUBLIC: 0, AccessLevel.INTERNAL: 1, AccessLevel.RESTRICTED: 2}
_COMPARED = ("title", "doc_type", "issuer", "year", "version", "hazard_types", "access_level", "aliases")


def guard_access_level(
    meta: DocumentMeta, previous: list[DocumentInfo], *, allow_downgrade: bool
) -> tuple[DocumentMeta, list[str]]:
    """`meta` with its access level raised to the highest of `previous` (unless `allow_downgrade`), and the
    warning saying so."""
    if not previous:
        return meta, []
    highest = max((p.access_level for p in previous), key=_RANK.__getitem__)
    if _RANK[meta.access_level] >= _RANK[highest]:
        return meta, []
    if allow_downgrade:
        return meta, [f"访问级别已按管理员要求降低 / access level lowered on request: {highest.value} → "
                      f"{meta.access_level.value}"]
    warning = (f"访问级别保持为 {highest.value} / access level kept at {highest.value}: the re-ingest asked for "
               f"{meta.access_level.value}; lowering it needs allow_downgrade (--allow-downgrade)")
    return meta.model_copy(update={"access_level": highest}), [warning]


def metadata_changes(previous: DocumentInfo, meta: DocumentMeta) -> list[str]:
    """One line per metadata field that differs between a stored document and its new version."""
    changes = []
    for field in _COMPARED:
        old, new = getattr(previous, field), getattr(meta, field)
        if old != new:
            changes.append(f"元数据变更 / metadata changed: {field}: {_shown(old)} → {_shown(new)}")
    return changes


def _shown(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return getattr(value, "value", None) or str(value)
