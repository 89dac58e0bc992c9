import { describe, expect, it } from 'vitest';
import { readOsmXml } from '../../../src/modules/roads/osm/osm-xml-reader.js';
import { OsmPlaceCollector } from '../../../src/modules/places/osm-place-collector.js';
import { assembleStreets, findCrossings } from '../../../src/modules/places/street-assembly.js';

/**
 * A made-up crossroads: 学海路 (primary) runs east–west through node 2, 韶光街 (residential) north–south
 * through it; 学海路 is drawn as two ways that meet at node 3; a second, unconnected 学海路 lies 5 km away.
 */
const TOWN = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="32.0000" lon="118.7000"/>
  <node id="2" lat="32.0000" lon="118.7010"/>
  <node id="3" lat="32.0000" lon="118.7020"/>
  <node id="4" lat="32.0000" lon="118.7030"/>
  <node id="5" lat="31.9990" lon="118.7010"/>
  <node id="6" lat="32.0010" lon="118.7010"/>
  <node id="7" lat="32.0450" lon="118.7000"/>
  <node id="8" lat="32.0450" lon="118.7010"/>
  <node id="20" lat="32.0002" lon="118.7012">
    <tag k="amenity" v="pharmacy"/>
    <tag k="name" v="学海药房"/>
    <tag k="name:en" v="Xuehai Pharmacy"/>
  </node>
  <node id="21" lat="32.0003" lon="118.7025">
    <tag k="addr:street" v="学海路"/>
    <tag k="addr:housenumber" v="18"/>
  </node>
  <node id="22" lat="32.0004" lon="118.7026"><tag k="barrier" v="gate"/></node>
  <way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/><tag k="name" v="学海路"/><tag k="name:en" v="Xuehai Road"/></way>
  <way id="101"><nd ref="3"/><nd ref="4"/><tag k="highway" v="primary"/><tag k="name" v="学海路"/></way>
  <way id="102"><nd ref="5"/><nd ref="2"/><nd ref="6"/><tag k="highway" v="residential"/><tag k="name" v="韶光街"/></way>
  <way id="103"><nd ref="7"/><nd ref="8"/><tag k="highway" v="tertiary"/><tag k="name" v="学海路"/></way>
  <way id="104"><nd ref="3"/><nd ref="21"/><nd ref="22"/><nd ref="3"/><tag k="building" v="school"/><tag k="name" v="学海小学"/></way>
</osm>`;

function collect() {
  const collector = new OsmPlaceCollector();
  readOsmXml(TOWN, collector);
  return collector.finish();
}

describe('the place pass over an extract', () => {
  it('keeps named streets with their coordinates, named places (tagged nodes and ways) and addresses', () => {
    const osm = collect();
    expect(osm.lines.map((l) => l.name)).toEqual(['学海路', '学海路', '韶光街', '学海路']);
    expect(osm.lines[0]!.coords).toEqual([118.7, 32, 118.701, 32, 118.702, 32]);
    expect(osm.pois).toEqual([
      { name: '学海药房', nameEn: 'Xuehai Pharmacy', lat: 32.0002, lon: 118.7012 },
      // a way: at the average of its nodes (node 3 counted twice, as the closed way lists it)
      expect.objectContaining({ name: '学海小学', nameEn: null }),
    ]);
    expect(osm.addresses).toEqual([{ name: '学海路18号', nameEn: '18 学海路', lat: 32.0003, lon: 118.7025 }]);
  });

  it('merges the ways of one name that touch into one street, and keeps a namesake 5 km away apart', () => {
    const streets = assembleStreets(collect().lines);
    const xuehai = streets.filter((s) => s.name === '学海路');
    expect(xuehai.map((s) => s.lines.length).sort()).toEqual([1, 2]);
    expect(xuehai.find((s) => s.lines.length === 2)).toMatchObject({ nameEn: 'Xuehai Road', rank: 2 });
  });

  it('names the crossing the Chinese way, the bigger road first, and once however many ways meet there', () => {
    expect(findCrossings(collect().lines)).toEqual([
      { name: '学海路与韶光街交叉口', nameEn: 'Xuehai Road / 韶光街', lat: 32, lon: 118.701, streets: ['学海路', '韶光街'] },
    ]);
  });
});
