import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import { distanceM, type PlaceKind } from '@lianfang/shared';
import { foldLatin, hasHan, pinyinForms, tokenize } from './place-terms.js';

/** One searchable place. Streets keep their lines so that a result near `near` lands on the nearest part of the street. */
export interface PlaceEntry {
  readonly id: string;
  readonly kind: PlaceKind;
  readonly name: string;
  readonly nameEn: string | null;
  readonly lat: number;
  readonly lon: number;
  /** a street's ways as [lon, lat, …] */
  readonly lines?: readonly (readonly number[])[];
}

export interface PlaceHit {
  readonly entry: PlaceEntry;
  /** where to show it: the entry's point, or a street's point nearest to `near` */
  readonly lat: number;
  readonly lon: number;
  readonly distanceM: number | null;
}

interface Doc {
  id: number;
  name: string;
  nameEn: string;
  py: string;
  pyi: string;
}

/** Kinds a control room asks for most are lifted a little at equal match: a street over a shop of the same name. */
const KIND_BOOST: Readonly<Record<PlaceKind, number>> = {
  street: 1.3,
  crossing: 1.1,
  grid: 1.2,
  station: 1.2,
  key_area: 1.2,
  unit: 1.2,
  poi: 1,
  address: 0.9,
};
/** Only the best matches are re-ranked by distance: enough for any page, bounded work for a one-letter query. */
const RERANK_WINDOW = 200;
/** The query is the whole name (or its whole pinyin, initials, English name): that place first. */
const EXACT_BONUS = 3;
const START_BONUS = 1.5;
/** The same name this close is one place found twice (a building and its entrance, two tags of one address). */
const SAME_PLACE_M = 60;

const SEARCH: SearchOptions = {
  combineWith: 'AND',
  boost: { name: 3, nameEn: 2, py: 1.5, pyi: 1.5 },
  // The word being typed (the last) by prefix, finished words whole: "carrer de la u…" must not expand
  // "de" and "la" to half the index. Han pairs exactly (a one-character query by prefix).
  prefix: (term, i, terms) => (hasHan(term) ? [...term].length === 1 : i === terms.length - 1),
  // One typo from four letters, two from nine: shorter words by prefix only (fuzzy short words match half the index, slowly).
  fuzzy: (term) => (!hasHan(term) && term.length >= 4 ? (term.length >= 9 ? 2 : 1) : false),
  maxFuzzy: 2,
};

/**
 * Full-text search over places with MiniSearch (BM25, prefix, fuzzy), names in Chinese, full
 * pinyin and pinyin initials and English, then re-ranked by distance to `near`.
 */
export class PlaceSearchIndex {
  private readonly index = new MiniSearch<Doc>({ fields: ['name', 'nameEn', 'py', 'pyi'], tokenize, processTerm: (term) => term, searchOptions: SEARCH });
  private readonly entries: (PlaceEntry | undefined)[] = [];
  /** per entry: its name, English name, pinyin and initials folded and without spaces, for the exact-match bonus */
  private readonly forms: string[][] = [];

  get size(): number {
    return this.index.documentCount;
  }

  add(entry: PlaceEntry): number {
    const id = this.entries.length;
    this.entries.push(entry);
    const py = pinyinForms(entry.name);
    this.forms.push([entry.name, entry.nameEn ?? '', py?.full ?? '', py?.initials ?? ''].map(compact).filter(Boolean));
    this.index.add({ id, name: entry.name, nameEn: entry.nameEn ?? '', py: py?.full ?? '', pyi: py?.initials ?? '' });
    return id;
  }

  remove(id: number): void {
    if (!this.entries[id]) return;
    this.index.discard(id);
    this.entries[id] = undefined;
  }

  search(q: string, near: { lat: number; lon: number } | null, limit: number): PlaceHit[] {
    const results = this.index.search(queryOf(q), { boostDocument: (id: number) => KIND_BOOST[this.entries[id]?.kind ?? 'poi'] });
    const wanted = compact(q);
    const ranked = results.slice(0, RERANK_WINDOW).flatMap((result) => {
      const id = result.id as number;
      const entry = this.entries[id];
      if (!entry) return [];
      const hit = near ? nearestPoint(entry, near) : { lat: entry.lat, lon: entry.lon, distanceM: null };
      const forms = this.forms[id]!;
      const bonus = forms.includes(wanted) ? EXACT_BONUS : forms.some((f) => f.startsWith(wanted)) ? START_BONUS : 1;
      // A kilometre away costs a match about a third of its score, ten kilometres about 70 %: near wins among equals, a clear name still wins.
      const score = bonus * (hit.distanceM === null ? result.score : result.score / (1 + Math.log1p(hit.distanceM / 1000)));
      return [{ hit: { entry, ...hit }, score }];
    });
    ranked.sort((a, b) => b.score - a.score);
    const hits: PlaceHit[] = [];
    for (const { hit } of ranked) {
      if (hits.length === limit) break;
      const twin = hits.some(
        (h) => h.entry.kind === hit.entry.kind && h.entry.name === hit.entry.name && distanceM(h.lat, h.lon, hit.lat, hit.lon) < SAME_PLACE_M,
      );
      if (!twin) hits.push(hit);
    }
    return hits;
  }
}

const compact = (text: string): string => foldLatin(text).replace(/[\s\p{P}\p{S}]+/gu, '');

/** "zhong shan dong lu" is also tried as one pinyin word: people type the syllables either way. */
function queryOf(q: string): Query {
  const joined = q.replace(/\s+/g, '');
  if (joined === q.trim() || hasHan(q)) return q;
  // By prefix only: a typo-tolerant pass over a long joined word would cost more than the whole search.
  return { combineWith: 'OR', queries: [q, { ...SEARCH, fields: ['py', 'pyi'], fuzzy: false, prefix: true, queries: [joined.toLowerCase()] }] };
}

function nearestPoint(entry: PlaceEntry, near: { lat: number; lon: number }): { lat: number; lon: number; distanceM: number } {
  let best = { lat: entry.lat, lon: entry.lon, distanceM: distanceM(near.lat, near.lon, entry.lat, entry.lon) };
  for (const line of entry.lines ?? []) {
    for (let i = 0; i < line.length; i += 2) {
      const d = distanceM(near.lat, near.lon, line[i + 1]!, line[i]!);
      if (d < best.distanceM) best = { lat: line[i + 1]!, lon: line[i]!, distanceM: d };
    }
  }
  return best;
}
