"""Checking and saving uploaded files before they are ingested: names, sizes, content sniffing, sidecars."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import UploadFile

from assistant.service import Assistant
from assistant.web.routes.errors import ApiError
from retrieval import loaders
from retrieval.metadata import SIDECAR_SUFFIX
from retrieval.models import IngestResult
from retrieval.progress import ProgressSink, nothing

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UPLOAD_BYTES = 4 * MAX_FILE_BYTES  # one request, counted as the body streams in (web/guards.py BodyLimit)

_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


def safe_name(filename: str | None) -> str:
    """The file's own name, without any folder part a client may have sent."""
    name = _UNSAFE_NAME_CHARS.sub("_", Path((filename or "").replace("\\", "/")).name).strip()
    if not name or name in (".", "..") or len(name) > 200:
        raise ApiError(422, "invalid_filename", f"文件名无效 / invalid file name: {filename!r}")
    return name


async def read_capped(upload: UploadFile) -> bytes:
    data = await upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ApiError(413, "too_large", f"文件过大 / {upload.filename}: larger than {MAX_FILE_BYTES // 2**20} MB")
    return data


def save_uploads(a: Assistant, received: list[tuple[str, bytes]], title: str | None) -> list[Path]:
    """Check and save the uploads under PLANASSIST_HOME/uploads/; the documents' paths."""
    return _save_uploads(a.home / "uploads", received, title)


def ingest_saved(
    a: Assistant, paths: list[Path], password: str | None, meta: dict[str, Any],
    progress: Callable[[IngestResult], None] | None = None, *, steps: ProgressSink = nothing,
) -> list[IngestResult]:
    """Ingest saved uploads one by one (reporting each), and drop the files that failed.

    A document's access level is the form field's, else its sidecar's, else `Settings.default_access_level`
    (the precedence `Assistant.ingest` applies).
    """
    uploads = (a.home / "uploads").resolve()
    results: list[IngestResult] = []
    for path in paths:
        result = a.ingest([path], password=password, worker=True, progress=steps, **meta)[0]
        if not result.ok and Path(result.source_path).parent.parent == uploads:
            shutil.rmtree(Path(result.source_path).parent, ignore_errors=True)
        results.append(result)
        if progress is not None:
            progress(result)
    return results


def _save_uploads(
    folder: Path, received: list[tuple[str, bytes]], title: str | None
) -> list[Path]:
    """Check every file's content, then write each document (and its sidecar) under uploads/<content hash>/.

    The content-hash folder keeps the original name (its 「(2024修订)」 suffix carries the version) while two
    different files of the same name never replace each other; re-uploading the same bytes is a no-op.
    Returns each document's path.
    """
    sidecars = {name[: -len(SIDECAR_SUFFIX)]: data for name, data in received if name.endswith(SIDECAR_SUFFIX)}
    documents = [(name, data) for name, data in received if not name.endswith(SIDECAR_SUFFIX)]
    if not documents:
        raise ApiError(422, "no_documents", "没有可入库的文件 / no document among the uploaded files")
    if title and len(documents) > 1:
        raise ApiError(422, "invalid_request", "只能为单个文件指定标题 / a title applies to a single file only")
    stems = {Path(name).stem for name, _ in documents}
    for stem, data in sidecars.items():
        if stem not in stems:
            raise ApiError(422, "orphan_sidecar", f"元数据文件没有对应的文档 / no document for {stem}{SIDECAR_SUFFIX}")
        _check_sidecar(stem, data)
    for name, data in documents:
        _check_content(name, data)
    paths = []
    for name, data in documents:
        sidecar = sidecars.get(Path(name).stem)
        digest = hashlib.sha256(data + (sidecar or b"")).hexdigest()[:16]
        target = folder / digest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if sidecar is not None:
            target.with_name(Path(name).stem + SIDECAR_SUFFIX).write_bytes(sidecar)
        paths.append(target)
    return paths


def _check_content(name: str, data: bytes) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in loaders.SUPPORTED_SUFFIXES:
        supported = " ".join(sorted(loaders.SUPPORTED_SUFFIXES))
        raise ApiError(415, "unsupported_media_type",
                       f"{name}: 不支持的文件类型 / unsupported file type (supported: {supported})")
    if not data.strip():
        raise ApiError(422, "empty_file", f"{name}: 文件为空 / the file is empty")
    try:
        kind = loaders.sniff(Path(name), data)
    except loaders.LoadError as exc:
        raise ApiError(415, "unsupported_media_type", str(exc)) from exc
    binary_suffix = {".pdf": loaders.FileType.PDF, ".docx": loaders.FileType.DOCX}.get(suffix)
    if binary_suffix is not None and kind != binary_suffix:
        raise ApiError(415, "unsupported_media_type",
                       f"{name}: 内容不是 {suffix} 文件 / content is not a {suffix} file (looks like {kind.value})")


def _check_sidecar(stem: str, data: bytes) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(415, "unsupported_media_type",
                       f"{stem}{SIDECAR_SUFFIX}: 元数据文件须为 UTF-8 / sidecar must be UTF-8 TOML") from exc
