"""Hybrid search: dense (Chroma) + BM25 (jieba) → reciprocal-rank fusion → document/clause signals → rerank.

Every step is a visible stage of `Searcher.search`:
1. the query is normalised (`retrieval.ranking.query`): NFKC, 第17条 → 第十七条, Ⅱ级/II级/二级, and a clause or
   document it names explicitly (「应对法第17条」) is resolved;
2. filters (type, hazard, issuer, year, access level) select the documents a query may see — inside the
   store queries, so a forbidden chunk is never even a candidate; of near-duplicate copies of one document
   (`retrieval.duplicates`) only the best source among those visible is searched;
3. dense and lexical candidates are fused by reciprocal rank (no blind score mixing);
4. a clause named by number comes first; a document named in the question, and the newest version of a law
   indexed in several versions, are preferred; chunks holding more of the query's words (a colloquial word
   counting when the chunk holds its formal term, `retrieval.ranking.colloquial`) move up;
5. an optional cross-encoder (`retrieval.ranking.rerank`, `PLANASSIST_RERANKER_MODEL`) reorders the head of
   the list; each hit it placed carries its rank under `ranks["rerank"]`;
6. each hit is a whole clause: a part of a long clause brings its other parts, once (`retrieval.ranking.clauses`);
7. a calibrated floor on a relevance signal reports "nothing relevant" (`SearchResult.not_found`): the best
   dense similarity plus the weighted share of the query's words found in the top hit (`signals.topic_weights`:
   nouns by IDF, other words 1, question words 0; floor chosen on dev). A rare noun that the best clause lacks
   is the clearest sign of a question the corpus does not cover: 「核电站…赔偿标准」, 「深圳…停课标准」. A question
   that names a document no indexed title matches (《劳动法》, 上海市防汛条例), or a place no chunk mentions
   (浙江, 上海浦东新区), is not found either.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from retrieval.index import Index
from retrieval.models import AccessLevel, Chunk, DocType, DocumentInfo, Hit
from retrieval.ranking import fusion
from retrieval.ranking.clauses import clause_bounds, join_parts, last_part_id
from retrieval.ranking.query import (
    ParsedQuery,
    base_title,
    distinctive_names,
    document_names,
    parse_query,
    place_of,
    zone_stem,
)
from retrieval.ranking.signals import (
    adjust_scores,
    first_mentioned,
    superseded_doc_ids,
    topic_weights,
    word_coverage,
)

_PLACE_SUFFIX = re.compile(r"(?:省|市|区|县)$")
# a town, county or street a report names (「河口镇林区」「衡南县一座水库」「新塘街道」)
_LOCAL_PLACE = re.compile(r"[\u4e00-\u9fa5]{2,3}?(?:县|镇|乡|街道|林场)")
# a county or town a document names on its own (「| 缌阳县 |」「、鞲沟镇」), not the end of a longer run of characters
_LOCAL_COUNTY_OR_TOWN = re.compile(r"(?<![\u4e00-\u9fa5])[\u4e00-\u9fa5]{2}(?:县|镇|乡)")
_GENERIC_PLACES = {"本县", "全县", "各县", "该县", "本镇", "全镇", "乡镇", "各乡镇", "城镇", "县乡镇", "各街道", "本街道"}
# A named river, lake, reservoir, wharf, scenic area, park or road facility (「滢江上…一条游船触礁」「S18鲌口收费站往北
# 两公里」): a report names where it happened by it as often as by a town. A prefix that makes a common noun (沿河, 大江,
# 入湖) names no place.
_NAMED_FEATURE = re.compile(r"([\u4e00-\u9fa5]{1,3}?)(?:(?:江|河|湖|水库)(?:码头|景区|园区|水文站)?|码头|景区|园区|水文站"
                            r"|收费站|服务区|互通|枢纽|隧道)")
_COMMON_PREFIXES = set("各本全该沿入出上下大小江河湖内外界中两一这那跨")
RRF_K = 60


def _names_it(name: str, text: str) -> bool:
    """The text uses the name as a name: a short one (安全法, 应对法) not as the end of a longer title (「特种设备
    安全法」) but after a word such as 按, 依, 和 or a bracket."""
    for m in re.finditer(re.escape(name), text):
        before = text[m.start() - 1] if m.start() else ""
        # (「老应对法」「新应对法」: a version of it)
        if len(name) >= 5 or not re.match(r"[\u4e00-\u9fa5]", before) or before in "按依据照和与及的是在对了从老新旧原现版":
            return True
    return False


def _named_local_places(text: str) -> set[str]:
    """The towns, counties, streets and named features (rivers, parks, toll stations) a query names."""
    named = {m[0] for m in _LOCAL_PLACE.finditer(text)} - _GENERIC_PLACES
    named |= {m[0] for m in _DISTRICT.finditer(text) if m[0][:-1] not in _NOT_DISTRICTS and m[0] not in _GENERIC_PLACES}
    return named | {m[0] for m in _NAMED_FEATURE.finditer(text) if not set(m[1]) & _COMMON_PREFIXES}


# 「瑭山区生态环境分局09:40报」「琬县14时报」: a district or a one-character county that opens a report or a clause (not
# 「老城区」「库区」 inside a phrase)
_DISTRICT = re.compile(r"(?:^|(?<=[，。；：:,\s]))(?:[\u4e00-\u9fa5]{2}区|[\u4e00-\u9fa5]县)")
_NOT_DISTRICTS = {"老城", "新城", "主城", "中心", "城市", "工业", "开发", "保护", "风景", "居民", "生活", "全", "本", "各", "我", "该",
                  "邻", "外", "两", "三", "几", "多"}


CANDIDATES = 50
MENTIONED_CANDIDATES = 5  # the named document's own best lexical matches that join the candidates
PLACED_DOCUMENTS = 3  # at most this many documents name the query's town or river, or it names none of them
COVERAGE_WEIGHT = 1.0
RERANK_HEAD = 20  # how many of the fused, signal-adjusted candidates the cross-encoder reorders


class SearchMode(StrEnum):
    HYBRID = "hybrid"
    DENSE = "dense"
    LEXICAL = "lexical"


@dataclass
class SearchFilters:
    doc_types: list[DocType] | None = None
    doc_ids: list[str] | None = None
    hazard: str | None = None
    issuer: str | None = None
    year: int | None = None
    access_levels: list[AccessLevel] | None = None

    def admits(self, doc: DocumentInfo) -> bool:
        return (
            (self.doc_types is None or doc.doc_type in self.doc_types)
            and (self.doc_ids is None or doc.doc_id in self.doc_ids)
            and (self.hazard is None or any(self.hazard in h or h in self.hazard for h in doc.hazard_types))
            and (self.issuer is None or self.issuer in (doc.issuer or ""))
            and (self.year is None or doc.year == self.year)
            and (self.access_levels is None or doc.access_level in self.access_levels)
        )


@dataclass
class SearchResult:
    hits: list[Hit]
    query: ParsedQuery
    not_found: bool = False
    # Documents and places the query names that the library does not hold (《劳动法》, 浙江).
    absent: list[str] = field(default_factory=list)
    best_dense: float = 0.0
    coverage: float = 0.0
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def relevance(self) -> float:
        """What the not-found floor applies to: best dense similarity + weighted word coverage of the top hit."""
        return self.best_dense + COVERAGE_WEIGHT * self.coverage


class Reranker(Protocol):
    def score(self, query: str, texts: list[str]) -> list[float]: ...


@dataclass
class SearchOptions:
    """Which techniques run; the evaluation switches them one by one to measure each."""

    mode: SearchMode = SearchMode.HYBRID
    query_normalisation: bool = True
    clause_addressing: bool = True
    document_preference: bool = True
    version_preference: bool = True
    rerank: bool = True
    not_found_floor: float = 0.0
    neighbours: int = 0
    whole_clauses: bool = True
    collapse_duplicates: bool = True
    dense_weight: float = 1.0
    # Bonus, in first-place units, for the share of the query's words a chunk contains; chosen on dev
    # (evals/results/retrieval.md: MRR 0.805 → 0.848 on ../shared/corpus dev, 0.684 → 0.816 on plans dev).
    coverage_bonus: float = 2.0
    # Re-order the head by the logistic model fitted on dev (`retrieval.ranking.fusion`, `evals/fit_fusion.py`).
    learned_fusion: bool = True


class Searcher:
    def __init__(self, index: Index, reranker: Reranker | None = None) -> None:
        self.index = index
        self.reranker = reranker
        self._texts: dict[str, str] = {}  # each document's whole text (`_document_text`)
        self._texts_generation: str | None = None

    def allowed_documents(self, filters: SearchFilters | None,
                          searchable: list[DocumentInfo] | None = None) -> list[DocumentInfo]:
        docs = self.index.registry.documents(searchable_only=True) if searchable is None else searchable
        return [d for d in docs if filters is None or filters.admits(d)]

    def search(
        self, query: str, k: int = 5, filters: SearchFilters | None = None, options: SearchOptions | None = None
    ) -> SearchResult:
        if k < 1:
            raise ValueError("k must be ≥ 1")
        options = options or SearchOptions()
        timings: dict[str, float] = {}
        started = time.perf_counter()
        searchable = self.index.registry.documents(searchable_only=True)
        documents = self.allowed_documents(filters, searchable)
        if options.collapse_duplicates:
            hidden = self.index.duplicates.hidden(documents)
            documents = [d for d in documents if d.doc_id not in hidden]
        parsed = parse_query(query, documents) if options.query_normalisation else ParsedQuery(query, query, query)
        allowed_ids = [d.doc_id for d in documents]
        restricted = len(allowed_ids) < len(searchable)
        timings["parse_ms"] = _ms(started)

        dense: list[tuple[str, float]] = []
        lexical: list[tuple[str, float]] = []
        if options.mode in (SearchMode.HYBRID, SearchMode.DENSE):
            t = time.perf_counter()
            vector = self.index.embeddings.embed_query(parsed.dense_text)
            timings["embed_ms"] = _ms(t)
            t = time.perf_counter()
            dense = self.index.vectors.query(vector, CANDIDATES, allowed_ids if restricted else None,
                                             generation=self.index.lexical.generation)
            timings["dense_ms"] = _ms(t)
        if options.mode in (SearchMode.HYBRID, SearchMode.LEXICAL):
            t = time.perf_counter()
            lexical = self.index.lexical.search(
                parsed.lexical_text, CANDIDATES, set(allowed_ids) if restricted else None
            )
            timings["lexical_ms"] = _ms(t)

        fused = fuse({"dense": dense, "lexical": lexical}, {"dense": options.dense_weight})
        chunks = self.index.registry.chunks_by_id(list(fused))
        ranked = self._apply_signals(fused, chunks, parsed, documents, options)
        reranked: dict[str, int] = {}
        if options.learned_fusion and not parsed.addressed_clause and (model := fusion.weights()) is not None:
            ranked = fusion.reorder(ranked, self.fusion_vectors(ranked, chunks, fused, parsed, documents), model)
        if not parsed.addressed_clause and fusion.asks_purpose(parsed.text):
            named = first_mentioned(parsed, superseded_doc_ids(documents, parsed.mentioned_years, parsed.prefers_older))
            ranked = fusion.purpose_first(ranked, chunks, self.index.registry.chunks(named[0]) if named else [])
        if self.reranker is not None and options.rerank:
            t = time.perf_counter()
            ranked = self._rerank(parsed.text, ranked, chunks)
            reranked = {cid: rank for rank, (cid, _) in enumerate(ranked[:RERANK_HEAD], start=1)}
            timings["rerank_ms"] = _ms(t)
        best_dense = max((score for _, score in dense), default=0.0)
        by_id = {d.doc_id: d for d in documents}
        hits = [
            Hit(chunk=with_document_metadata(chunk, by_id.get(chunk.doc_id)), score=round(score, 6),
                ranks={**(fused[cid].ranks if cid in fused else {}),
                       **({"rerank": reranked[cid]} if cid in reranked else {})})
            for cid, chunk, score in self._top(ranked, chunks, k, options.whole_clauses)
        ]
        if options.neighbours:
            hits = self._with_neighbours(hits, options.neighbours, k)
        result = SearchResult(hits=hits, query=parsed, best_dense=best_dense, timings_ms=timings,
                              coverage=self.query_coverage(parsed, hits[:1]))
        readable = None if filters is None or filters.access_levels is None else {
            d.doc_id for d in searchable if d.access_level in filters.access_levels}
        result.absent = [*parsed.unknown_titles, *self.absent_places(self._unframed_places(parsed, by_id), searchable,
                                                                      readable)]
        result.not_found = bool(result.absent) or (
            not parsed.addressed_clause and (not hits or (result.relevance < options.not_found_floor
                                                          and not self._anchored(parsed, hits[0], by_id))))
        timings["total_ms"] = _ms(started)
        return result

    def _apply_signals(
        self,
        fused: dict[str, _Fused],
        chunks: dict[str, Chunk],
        parsed: ParsedQuery,
        documents: list[DocumentInfo],
        options: SearchOptions,
    ) -> list[tuple[str, float]]:
        scores = {cid: f.score for cid, f in fused.items() if cid in chunks}
        if options.clause_addressing and parsed.addressed_clause:
            for chunk in self.index.registry.chunks(parsed.addressed_doc_id or ""):
                if chunk.chunk_id not in scores:
                    chunks[chunk.chunk_id] = chunk
                    fused[chunk.chunk_id] = _Fused(0.0, {})
                    scores[chunk.chunk_id] = 0.0
        placed: set[str] = set()
        if options.document_preference:
            superseded = superseded_doc_ids(documents, parsed.mentioned_years, parsed.prefers_older)
            # a document the query names is the one, whatever else names its place (「丰台区…按北京实施应对法的办法」);
            # a place many documents name (「城关镇」) says nothing of which one
            if not parsed.mentioned_doc_ids:
                placed = self._placed_documents(parsed, {d.doc_id for d in documents})
                if len(placed) > PLACED_DOCUMENTS:
                    placed = set()
            self._with_own_matches([*first_mentioned(parsed, superseded), *sorted(placed)], fused, chunks, scores, parsed)
        adjusted = adjust_scores(scores, chunks, parsed, documents, options, placed)
        return sorted(adjusted.items(), key=lambda item: (-item[1], item[0]))

    def _with_own_matches(self, doc_ids: list[str], fused: dict[str, _Fused], chunks: dict[str, Chunk],
                          scores: dict[str, float], parsed: ParsedQuery) -> None:
        """Each document's own best lexical matches join the candidates, below every fused one, when the query names
        the document or a place only it names: 「莳溪升到Ⅰ级了，还要加做哪些事」 names 莳溪县's plan, whose clauses the
        whole library's top 50 can leave out (the tokenizer cuts 「莳溪升」), and then no bonus for it can raise them.
        (One lexical search over the documents together: each search scores the whole index.)"""
        if not doc_ids:
            return
        matches = self.index.lexical.search(parsed.lexical_text, CANDIDATES, set(doc_ids))
        for doc_id in doc_ids:
            own = [cid for cid, _ in matches if cid.split(":", 1)[0] == doc_id][:MENTIONED_CANDIDATES]
            added = [cid for cid in own if cid not in scores]
            chunks.update(self.index.registry.chunks_by_id(added))
            for rank, cid in enumerate(added, start=1):
                if cid in chunks:
                    fused[cid] = _Fused(1.0 / (RRF_K + CANDIDATES + rank), {})
                    scores[cid] = fused[cid].score

    def fusion_vectors(self, ranked: list[tuple[str, float]], chunks: dict[str, Chunk], fused: dict[str, _Fused],
                       parsed: ParsedQuery, documents: list[DocumentInfo]) -> dict[str, list[float]]:
        """The learned fusion's features of the head of the ranked list (`retrieval.ranking.fusion`)."""
        topic = topic_weights(parsed.words, self.index.lexical.idf(parsed.words))
        superseded = superseded_doc_ids(documents, parsed.mentioned_years, parsed.prefers_older)
        return {cid: fusion.features(parsed, chunks[cid], score, position, fused[cid].ranks, topic, superseded)
                for position, (cid, score) in enumerate(ranked[:fusion.HEAD])}

    def fusion_candidates(self, query: str, filters: SearchFilters | None = None
                          ) -> list[tuple[Chunk, list[float]]]:
        """The head of the ranked list before learned fusion, each chunk with its features (for fitting)."""
        searchable = self.index.registry.documents(searchable_only=True)
        documents = self.allowed_documents(filters, searchable)
        parsed = parse_query(query, documents)
        dense = self.index.vectors.query(self.index.embeddings.embed_query(parsed.dense_text), CANDIDATES, None,
                                         generation=self.index.lexical.generation)
        lexical = self.index.lexical.search(parsed.lexical_text, CANDIDATES, None)
        fused = fuse({"dense": dense, "lexical": lexical})
        chunks = self.index.registry.chunks_by_id(list(fused))
        ranked = self._apply_signals(fused, chunks, parsed, documents, SearchOptions())
        vectors = self.fusion_vectors(ranked, chunks, fused, parsed, documents)
        return [(chunks[cid], vectors[cid]) for cid, _ in ranked[:fusion.HEAD]]

    def _placed_documents(self, parsed: ParsedQuery, doc_ids: set[str]) -> set[str]:
        """The documents whose text names a town, county or named feature the query names: 「璟河区…瑷港化工园区一家
        企业…」 is a report under the plan that names 瑷港化工园区, though another plan of the kind ranks first."""
        named = _named_local_places(parsed.text)
        return {d for d in doc_ids if named and any(name in self._document_text(d) for name in named)}

    def _document_text(self, doc_id: str) -> str:
        """A document's whole text, kept until the index changes (an ingest or a removal starts a new generation)."""
        generation = self.index.lexical.generation
        if generation != self._texts_generation:
            self._texts, self._texts_generation = {}, generation
        if doc_id not in self._texts:
            self._texts[doc_id] = " ".join(c.text for c in self.index.registry.chunks(doc_id))
        return self._texts[doc_id]

    def _anchored(self, parsed: ParsedQuery, top: Hit, by_id: dict[str, DocumentInfo]) -> bool:
        """The best hit's document is the one the query is about: the query names it by its title or one of its
        names (「按708号令」「应对法」), its place (「槎浦区新塘街道…」 for 槎浦区's plan), or a town, county or street its
        text names (「衡南县」「河口镇林区」). A long incident report or a follow-up shares few of its words with any
        clause, so its relevance alone says little. (A title word is no name: 「应急预案」 names many.)"""
        doc_id = top.chunk.doc_id
        document = by_id.get(doc_id)
        # its own names, not those other documents share (「实施细则」 is many's); a law's versions share theirs
        names = document_names(document) & distinctive_names(list(by_id.values()), key=lambda d: base_title(d.title)) \
            if document else set()
        if any(_names_it(name, parsed.text) for name in names):
            return True
        place = place_of(document) if document else None
        stem = re.sub(r"(?:省|市|区|县|镇|乡)$", "", place or "")
        if place and (place in parsed.text or (len(stem) >= 2 and stem in parsed.text)):
            return True
        text = self._document_text(doc_id)
        if any(name in text for name in _named_local_places(parsed.text)):
            return True
        # 「缌阳农商行…」: a county or town the document names with its suffix (缌阳县), which the report leaves off
        stems = {m[0][:-1] for m in _LOCAL_COUNTY_OR_TOWN.finditer(text)} - {p[:-1] for p in _GENERIC_PLACES}
        return any(stem in parsed.text for stem in stems if len(stem) >= 2)

    @staticmethod
    def _unframed_places(parsed: ParsedQuery, by_id: dict[str, DocumentInfo]) -> list[str]:
        """The places a query names, unless it names a held document of one of them: 「延庆一座区管小型水库…按北京的防洪
        办法，调度命令由谁下？」 asks 北京's regulation of a place inside 北京, which no clause need name."""
        framing = {place_of(by_id[d]) for d in parsed.mentioned_doc_ids if d in by_id} - {None}
        return [] if framing & set(parsed.places) else parsed.places

    def absent_places(self, places: list[str], documents: list[DocumentInfo],
                      readable: set[str] | None = None) -> list[str]:
        """The places a query names that no chunk mentions: a question about 上海浦东新区 or 浙江 is not answered by
        another jurisdiction's documents. Only chunks of the `readable` documents count (all when None), so a
        refusal never tells a caller which places the documents above their access level mention. `documents`: the
        searchable documents the search already read."""
        stems = {p: zone_stem(p).lower() for p in places}  # 「宁东能源化工基地」 is no one word of the index: 宁东 is
        frequency = self.index.lexical.document_frequency([*(p.lower() for p in places), *stems.values()], readable)
        # a place a document is for is held, though the tokenizer cuts its rare characters apart (蘩川 → 蘩 / 川)
        held = {_PLACE_SUFFIX.sub("", place) for d in documents
                if (readable is None or d.doc_id in readable) and (place := place_of(d))}
        return [p for p in places if frequency[p.lower()] == 0 and frequency[stems[p]] == 0
                and _PLACE_SUFFIX.sub("", p) not in held]

    def query_coverage(self, parsed: ParsedQuery, hits: list[Hit]) -> float:
        """Weighted share of the query's words (`ParsedQuery.words`) that occur in the given hits, nouns weighted
        by IDF (`topic_weights`)."""
        weights = topic_weights(parsed.words, self.index.lexical.idf(parsed.words))
        return word_coverage(frozenset(weights), " ".join(h.chunk.indexed_text for h in hits), weights,
                             parsed.colloquial)

    def _top(self, ranked: list[tuple[str, float]], chunks: dict[str, Chunk], k: int,
             whole_clauses: bool) -> list[tuple[str, Chunk, float]]:
        """The first k results as (ranked chunk id, chunk to show, score): with `whole_clauses`, each part is
        replaced by its whole clause and a clause appears once, at the rank of its best part."""
        top: list[tuple[str, Chunk, float]] = []
        seen: set[str] = set()
        for cid, score in ranked:
            if len(top) == k:
                break
            if cid not in chunks or cid in seen:
                continue
            parts = self.index.registry.clause_parts(chunks[cid]) if whole_clauses else [chunks[cid]]
            seen.update(part.chunk_id for part in parts)
            top.append((cid, join_parts(parts), score))
        return top

    def _rerank(self, query: str, ranked: list[tuple[str, float]], chunks: dict[str, Chunk]):
        head = ranked[:RERANK_HEAD]
        scores = self.reranker.score(query, [chunks[cid].indexed_text for cid, _ in head])  # type: ignore[union-attr]
        reordered = sorted(zip(head, scores, strict=True), key=lambda item: -item[1])
        return [(cid, float(s)) for (cid, _), s in reordered] + ranked[RERANK_HEAD:]

    def _with_neighbours(self, hits: list[Hit], width: int, k: int) -> list[Hit]:
        """Add the clauses that follow each hit under the same parent section, for answers spanning a list."""
        seen = {h.chunk.chunk_id for h in hits}
        expanded: list[Hit] = []
        for hit in hits:
            expanded.append(hit)
            doc_chunks = self.index.registry.chunks(hit.chunk.doc_id)
            positions = {c.chunk_id: i for i, c in enumerate(doc_chunks)}
            position = positions.get(last_part_id(hit.chunk), len(doc_chunks)) + 1
            parent = hit.chunk.heading_path[:-1]
            for offset in range(1, width + 1):
                if position >= len(doc_chunks) or doc_chunks[position].heading_path[:-1] != parent:
                    break
                start, end = clause_bounds([c.continued for c in doc_chunks], position)
                neighbour = with_document_metadata(join_parts(doc_chunks[start:end]),
                                                   self.index.registry.get(hit.chunk.doc_id))
                position = end
                if neighbour.chunk_id not in seen:
                    seen.add(neighbour.chunk_id)
                    expanded.append(Hit(chunk=neighbour, score=hit.score, ranks={"neighbour": offset}))
        return expanded


@dataclass
class _Fused:
    score: float
    ranks: dict[str, int]


def fuse(ranked_lists: dict[str, list[tuple[str, float]]], weights: dict[str, float] | None = None) -> dict[str, _Fused]:
    """Reciprocal-rank fusion: Σ weight / (RRF_K + rank) over the retrievers that returned the chunk."""
    fused: dict[str, _Fused] = {}
    for name, results in ranked_lists.items():
        weight = (weights or {}).get(name, 1.0)
        for rank, (chunk_id, _) in enumerate(results, start=1):
            entry = fused.setdefault(chunk_id, _Fused(0.0, {}))
            entry.score += weight / (RRF_K + rank)
            entry.ranks[name] = rank
    return fused


def with_document_metadata(chunk: Chunk, doc: DocumentInfo | None) -> Chunk:
    """The chunk with its document's version, issuer, year and access level in its metadata (for citations)."""
    if doc is None:
        return chunk
    extra = {"version": doc.version, "issuer": doc.issuer, "year": doc.year, "access_level": doc.access_level.value}
    return chunk.model_copy(update={"metadata": {**chunk.metadata, **extra}})


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)
