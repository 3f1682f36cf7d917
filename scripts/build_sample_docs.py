"""Build the PDF and DOCX sample documents of plans_corpus/ from their Markdown sources.

Sources live in scripts/sample_sources/<title>.md (same light Markdown as the .md documents in plans_corpus/:
`# 标题` for the title only, plain lines for section headings, paragraphs separated by blank lines, `| a | b |`
rows for a table). Outputs:

    plans_corpus/示例区地震应急预案.pdf               (reportlab, built-in CID font STSong-Light)
    plans_corpus/示例区森林火灾应急预案.pdf
    plans_corpus/示例区大面积停电事件应急预案.docx     (python-docx)
    plans_corpus/示例区应急预案管理实施细则.docx

The build is deterministic: fixed PDF metadata (reportlab "invariant" mode), fixed DOCX core properties and
fixed ZIP entry timestamps, so re-running it leaves the files byte-identical.

Usage:  .venv/bin/python scripts/build_sample_docs.py [--check]
        --check  rebuild into a temporary folder and fail if the committed files differ.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "sample_sources"
CORPUS = ROOT / "plans_corpus"

PDF_TITLES = ["示例区地震应急预案", "示例区森林火灾应急预案"]
DOCX_TITLES = ["示例区大面积停电事件应急预案", "示例区应急预案管理实施细则"]

FIXED_DATE = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_DATE = (2025, 1, 1, 0, 0, 0)

# --------------------------------------------------------------------------------------------------------------
# Parsing the light Markdown
# --------------------------------------------------------------------------------------------------------------

_CN_NUM = "一二三四五六七八九十百零〇"
RE_DOTTED = re.compile(r"^(\d+(?:\.\d+){0,3})\s+\S")
RE_CHAPTER = re.compile(rf"^第[{_CN_NUM}]+[编章节][\s\u3000]")
RE_CN_TOP = re.compile(rf"^[{_CN_NUM}]+、")
RE_CN_PAREN = re.compile(rf"^（[{_CN_NUM}]+）")
RE_ANNEX = re.compile(r"^附件[：:\d一二三四五六七八九十]")
HEADING_MAX_CHARS = 30  # a heading is a short line without sentence punctuation


@dataclass
class Block:
    kind: str  # title | heading | para | table
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def heading_level(line: str) -> int:
    """Return 1-3 if the line is a section heading, else 0."""
    if len(line) > HEADING_MAX_CHARS or re.search(r"[。；：，]$", line) or "。" in line:
        return 0
    if RE_CHAPTER.match(line):
        return 1
    if RE_ANNEX.match(line):
        return 1
    m = RE_DOTTED.match(line)
    if m:
        return min(m.group(1).count(".") + 1, 3)
    if RE_CN_TOP.match(line):
        return 1
    if RE_CN_PAREN.match(line):
        return 2
    return 0


def parse_markdown(text: str) -> list[Block]:
    blocks: list[Block] = []
    table: list[list[str]] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue  # separator row
            if table is None:
                table = []
                blocks.append(Block("table", rows=table))
            table.append(cells)
            continue
        table = None
        if not line:
            continue
        if line.startswith("# "):
            blocks.append(Block("title", line[2:].strip()))
            continue
        lvl = heading_level(line)
        if lvl:
            blocks.append(Block("heading", line, level=lvl))
        else:
            blocks.append(Block("para", line))
    return blocks


def read_meta(title: str) -> dict:
    path = CORPUS / f"{title}.meta.toml"
    if path.exists():
        return tomllib.loads(path.read_text(encoding="utf-8"))
    return {"title": title}


# --------------------------------------------------------------------------------------------------------------
# PDF (reportlab)
# --------------------------------------------------------------------------------------------------------------

FONT = "STSong-Light"
NO_LINE_START = set("，。、；：？！）》」』”’%…—·")
NO_LINE_END = set("（《「『“‘")


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy character wrap by measured string width, with simple CJK line-breaking rules
    (no closing punctuation at a line start, no opening bracket at a line end, ASCII words kept whole)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    # tokens: runs of ASCII letters/digits/dots stay together, everything else char by char
    tokens = re.findall(r"[A-Za-z0-9.%]+|.", text)
    lines: list[str] = []
    cur = ""
    for tok in tokens:
        if stringWidth(cur + tok, font, size) <= width or not cur:
            cur += tok
            continue
        if tok[0] in NO_LINE_START:
            # hang the punctuation on the current line (it may overflow the margin slightly)
            cur += tok
            lines.append(cur)
            cur = ""
            continue
        if cur and cur[-1] in NO_LINE_END:
            lines.append(cur[:-1])
            cur = cur[-1] + tok
            continue
        lines.append(cur)
        cur = tok
    if cur:
        lines.append(cur)
    return lines


def build_pdf(title: str, src: Path, out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))

    meta = read_meta(title)
    blocks = parse_markdown(src.read_text(encoding="utf-8"))

    page_w, page_h = A4
    left, right = 25 * mm, 25 * mm
    top, bottom = 30 * mm, 25 * mm
    text_w = page_w - left - right
    sizes = {"title": 20.0, 1: 15.0, 2: 13.0, 3: 12.0, "para": 11.0}

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(meta.get("title", title))
    c.setAuthor(meta.get("issuer", ""))
    c.setSubject(f"{meta.get('title', title)}（{meta.get('version', '')}）")
    c.setCreator("planassist scripts/build_sample_docs.py")
    c.setProducer("ReportLab")
    c.setKeywords(",".join(meta.get("hazard_types", [])))
    # invariant mode already fixes the timestamps and the file ID; show the document's own year instead of 2000
    fixed = f"D:{int(meta.get('year', FIXED_DATE.year)):04d}0101000000+08'00'"
    c.setDateFormatter(lambda *_: fixed)

    state = {"page": 1, "y": page_h - top}

    def decorate() -> None:
        # running header: document title + rule; footer: — N —
        c.setFont(FONT, 9)
        c.drawCentredString(page_w / 2, page_h - 15 * mm, title)
        c.setLineWidth(0.5)
        c.line(left, page_h - 17 * mm, page_w - right, page_h - 17 * mm)
        c.setFont(FONT, 10)
        c.drawCentredString(page_w / 2, 12 * mm, f"— {state['page']} —")

    def new_page() -> None:
        c.showPage()
        state["page"] += 1
        state["y"] = page_h - top
        decorate()

    def emit(lines: list[str], size: float, *, indent_first: float = 0.0, center: bool = False,
             space_before: float = 0.0, space_after: float = 0.0, keep_with_next: float = 0.0) -> None:
        leading = size * 1.65
        need = space_before + leading * min(len(lines), 1) + keep_with_next
        if state["y"] - need < bottom:
            new_page()
        else:
            state["y"] -= space_before
        for i, ln in enumerate(lines):
            if state["y"] - leading < bottom:
                new_page()
            state["y"] -= leading
            c.setFont(FONT, size)
            if center:
                c.drawCentredString(page_w / 2, state["y"] + size * 0.3, ln)
            else:
                x = left + (indent_first if i == 0 else 0.0)
                c.drawString(x, state["y"] + size * 0.3, ln)
        state["y"] -= space_after

    decorate()
    after_title = 0
    for b in blocks:
        if b.kind == "title":
            emit(wrap_text(b.text, FONT, sizes["title"], text_w), sizes["title"], center=True,
                 space_before=6, space_after=10)
            after_title = 2
        elif b.kind == "heading":
            size = sizes[b.level]
            emit(wrap_text(b.text, FONT, size, text_w), size, space_before=size * 0.8, space_after=2,
                 keep_with_next=sizes["para"] * 1.65 * 2)
            after_title = 0
        elif b.kind == "table":
            for row in b.rows:
                line = "　".join(row)
                emit(wrap_text(line, FONT, sizes["para"], text_w), sizes["para"], space_after=2)
        else:
            size = sizes["para"]
            if after_title:  # issuer / date lines under the title
                emit(wrap_text(b.text, FONT, size + 1, text_w), size + 1, center=True, space_after=2)
                after_title -= 1
                continue
            indent = 2 * size
            first = wrap_text(b.text, FONT, size, text_w - indent)
            if len(first) > 1:
                rest = wrap_text(b.text[len(first[0]):], FONT, size, text_w)
                lines = [first[0]] + rest
            else:
                lines = first
            emit(lines, size, indent_first=indent, space_after=size * 0.35)
    c.showPage()
    c.save()
    out.write_bytes(buf.getvalue())


# --------------------------------------------------------------------------------------------------------------
# DOCX (python-docx)
# --------------------------------------------------------------------------------------------------------------


def _set_east_asian_font(style, name: str = "宋体") -> None:
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def build_docx(title: str, src: Path, out: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    meta = read_meta(title)
    blocks = parse_markdown(src.read_text(encoding="utf-8"))

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(12)
    _set_east_asian_font(normal, "宋体")
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _set_east_asian_font(d.styles[name], "黑体")

    tables = 0
    after_title = 0
    for b in blocks:
        if b.kind == "title":
            d.add_paragraph(b.text, style="Title")
            after_title = 2
        elif b.kind == "heading":
            d.add_paragraph(b.text, style=f"Heading {b.level}")
            after_title = 0
        elif b.kind == "table":
            tables += 1
            ncols = max(len(r) for r in b.rows)
            t = d.add_table(rows=0, cols=ncols)
            t.style = "Table Grid"
            for r in b.rows:
                cells = t.add_row().cells
                for i, val in enumerate(r):
                    cells[i].text = val
        else:
            p = d.add_paragraph(b.text, style="Normal")
            if after_title:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                after_title -= 1
            else:
                p.paragraph_format.first_line_indent = Pt(24)
    if tables != 1:
        raise SystemExit(f"{src.name}: expected exactly one table, found {tables}")

    cp = d.core_properties
    cp.title = meta.get("title", title)
    cp.author = meta.get("issuer", "")
    cp.last_modified_by = meta.get("issuer", "")
    cp.subject = meta.get("version", "")
    cp.keywords = ",".join(meta.get("hazard_types", []))
    cp.category = meta.get("doc_type", "")
    cp.comments = "示例区虚构样例文档，由 scripts/build_sample_docs.py 生成"
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.last_printed = FIXED_DATE
    cp.revision = 1

    buf = io.BytesIO()
    d.save(buf)
    out.write_bytes(_normalise_zip(buf.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the OOXML zip with fixed entry timestamps so the output is byte-stable."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------------------------------------------


def _cjk(s: str) -> str:
    return "".join(ch for ch in s if "\u4e00" <= ch <= "\u9fff")


def verify_pdf(title: str, path: Path) -> str:
    import pypdf

    reader = pypdf.PdfReader(str(path))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    src_cjk = _cjk(parse_source_text(title))
    got_cjk = _cjk(text)
    if title not in text or len(got_cjk) < 0.95 * len(src_cjk):
        raise SystemExit(f"{path.name}: extracted text does not look like the source")
    # every source paragraph's first 12 CJK characters must be findable in the extracted text
    flat = re.sub(r"\s+", "", text)
    for b in parse_markdown((SOURCES / f"{title}.md").read_text(encoding="utf-8")):
        probe = re.sub(r"\s+", "", b.text)[:12]
        if probe and probe not in flat:
            raise SystemExit(f"{path.name}: paragraph not found in extracted text: {probe}")
    return f"{path.name}: {len(reader.pages)} pages, {len(got_cjk)} CJK chars extracted"


def verify_docx(title: str, path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    styles = {}
    for p in d.paragraphs:
        styles[p.style.name] = styles.get(p.style.name, 0) + 1
    text = "\n".join(p.text for p in d.paragraphs)
    if d.paragraphs[0].style.name != "Title" or d.paragraphs[0].text != title:
        raise SystemExit(f"{path.name}: first paragraph is not the title")
    if len(d.tables) != 1:
        raise SystemExit(f"{path.name}: expected one table")
    src_cjk = _cjk(parse_source_text(title))
    table_cjk = _cjk("".join(c.text for r in d.tables[0].rows for c in r.cells))
    if len(_cjk(text)) + len(table_cjk) != len(src_cjk):
        raise SystemExit(f"{path.name}: CJK character count differs from the source")
    return f"{path.name}: {len(d.paragraphs)} paragraphs {styles}, table {len(d.tables[0].rows)}x{len(d.tables[0].columns)}"


def parse_source_text(title: str) -> str:
    return (SOURCES / f"{title}.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------------------------


def build_all(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    outs = []
    for t in PDF_TITLES:
        out = outdir / f"{t}.pdf"
        build_pdf(t, SOURCES / f"{t}.md", out)
        outs.append(out)
    for t in DOCX_TITLES:
        out = outdir / f"{t}.docx"
        build_docx(t, SOURCES / f"{t}.md", out)
        outs.append(out)
    return outs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the committed outputs are not up to date")
    args = ap.parse_args(argv)

    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            stale = [p.name for p in build_all(Path(tmp)) if
                     not (CORPUS / p.name).exists() or (CORPUS / p.name).read_bytes() != p.read_bytes()]
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("all sample documents are up to date")
        return 0

    for out in build_all(CORPUS):
        title = out.stem
        msg = verify_pdf(title, out) if out.suffix == ".pdf" else verify_docx(title, out)
        print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size} bytes) — {msg}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
