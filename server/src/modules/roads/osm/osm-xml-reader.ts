import { createReadStream } from 'node:fs';
import type { OsmReadStats, OsmVisitor } from './osm-entities.js';

/**
 * Incremental reader for .osm XML: feed text chunks, it calls the visitor as elements
 * complete. Not a general XML parser: it relies on OSM's flat, regular layout
 * (node / way with nd and tag children / relation) and on '>' being escaped inside
 * attribute values, as every OSM tool writes it.
 */
export class OsmXmlReader {
  readonly stats: OsmReadStats = { nodes: 0, ways: 0, relations: 0 };
  private pending = '';
  private way: { id: number; refs: number[]; tags: Record<string, string> } | null = null;
  /** An open <node>…</node> whose tags are being read (only for a visitor with `taggedNode`). */
  private node: { id: number; lat: number; lon: number; tags: Record<string, string> } | null = null;

  constructor(private readonly visitor: OsmVisitor) {}

  write(chunk: string): void {
    const text = this.pending + chunk;
    const last = text.lastIndexOf('>');
    if (last < 0) {
      this.pending = text;
      return;
    }
    this.pending = text.slice(last + 1);
    this.scan(text.slice(0, last + 1));
  }

  end(): OsmReadStats {
    if (this.pending.trim() !== '' || this.way || this.node) throw new Error('truncated .osm XML');
    return this.stats;
  }

  private scan(text: string): void {
    const element = /<(\/?)(node|way|nd|tag|relation)\b([^>]*)>/g;
    for (let m = element.exec(text); m; m = element.exec(text)) {
      const [, closing, name, rest = ''] = m;
      if (closing) {
        if (name === 'way') this.finishWay();
        else if (name === 'node') this.finishNode();
        continue;
      }
      const selfClosing = rest.endsWith('/');
      const attrs = attributes(rest);
      if (name === 'node') {
        this.stats.nodes++;
        this.visitor.node?.(Number(attrs.id), Number(attrs.lat), Number(attrs.lon));
        if (!selfClosing && this.visitor.taggedNode) this.node = { id: Number(attrs.id), lat: Number(attrs.lat), lon: Number(attrs.lon), tags: {} };
      } else if (name === 'way') {
        this.way = { id: Number(attrs.id), refs: [], tags: {} };
        if (selfClosing) this.finishWay();
      } else if (name === 'nd' && this.way) {
        this.way.refs.push(Number(attrs.ref));
      } else if (name === 'tag' && this.way && attrs.k !== undefined) {
        this.way.tags[attrs.k] = attrs.v ?? '';
      } else if (name === 'tag' && this.node && attrs.k !== undefined) {
        this.node.tags[attrs.k] = attrs.v ?? '';
      } else if (name === 'relation') {
        this.stats.relations++;
      }
    }
  }

  private finishNode(): void {
    const node = this.node;
    this.node = null;
    if (node && Object.keys(node.tags).length > 0) this.visitor.taggedNode?.(node.id, node.lat, node.lon, node.tags);
  }

  private finishWay(): void {
    if (!this.way) return;
    this.stats.ways++;
    this.visitor.way?.(this.way);
    this.way = null;
  }
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const attribute = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = attribute.exec(text); m; m = attribute.exec(text)) out[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, body: string) => {
    if (body[0] === '#') return String.fromCodePoint(body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1)));
    return NAMED[body] ?? whole;
  });
}

export function readOsmXml(text: string, visitor: OsmVisitor): OsmReadStats {
  const reader = new OsmXmlReader(visitor);
  reader.write(text);
  return reader.end();
}

/** Streams a file through the reader in chunks, so a large extract is never one string. */
export async function readOsmXmlFile(path: string, visitor: OsmVisitor): Promise<OsmReadStats> {
  const reader = new OsmXmlReader(visitor);
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) reader.write(chunk as string);
  return reader.end();
}
