/**
 * Node coordinates collected during a pass, in growable typed arrays (24 bytes a node, no
 * per-node objects). Lookup by OSM id is a binary search when ids arrived sorted, as every
 * .osm.pbf from osmium or Geofabrik has them; otherwise a Map is built once.
 */
export class OsmNodeStore {
  private ids: Float64Array = new Float64Array(1024);
  private lats: Float64Array = new Float64Array(1024);
  private lons: Float64Array = new Float64Array(1024);
  private length = 0;
  private sorted = true;
  private byId: Map<number, number> | null = null;

  get count(): number {
    return this.length;
  }

  add(id: number, lat: number, lon: number): void {
    if (this.length === this.ids.length) this.grow();
    if (this.length > 0 && id <= this.ids[this.length - 1]!) this.sorted = false;
    this.ids[this.length] = id;
    this.lats[this.length] = lat;
    this.lons[this.length] = lon;
    this.length++;
    this.byId = null;
  }

  /** Index of the node, or -1 when the file did not contain it. */
  indexOf(id: number): number {
    if (!this.sorted) {
      this.byId ??= new Map(Array.from(this.ids.subarray(0, this.length), (nodeId, index) => [nodeId, index]));
      return this.byId.get(id) ?? -1;
    }
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = this.ids[mid]!;
      if (value === id) return mid;
      if (value < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  lat(index: number): number {
    return this.lats[index]!;
  }

  lon(index: number): number {
    return this.lons[index]!;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const grown = (old: Float64Array): Float64Array => {
      const next = new Float64Array(size);
      next.set(old);
      return next;
    };
    this.ids = grown(this.ids);
    this.lats = grown(this.lats);
    this.lons = grown(this.lons);
  }
}
