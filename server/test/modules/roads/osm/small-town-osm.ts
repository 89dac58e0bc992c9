/**
 * A hand-written .osm file: a two-way street (10), a oneway side street (11), a building
 * (12, must be skipped) and a highway under construction (13, must be skipped), plus a
 * relation to skip.
 */
export const SMALL_TOWN_OSM = `<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="hand">
  <bounds minlat="43.73" minlon="7.42" maxlat="43.74" maxlon="7.43"/>
  <node id="1" lat="43.7300" lon="7.420" version="1"/>
  <node id="2" lat="43.7300" lon="7.421" version="1"/>
  <node id="3" lat="43.7300" lon="7.422" version="1">
    <tag k="highway" v="traffic_signals"/>
  </node>
  <node id="4" lat="43.7310" lon="7.420"/>
  <node id='5' lat='43.7290' lon='7.421'/>
  <node id="6" lat="43.7320" lon="7.420"/>
  <node id="7" lat="43.7320" lon="7.421"/>
  <way id="10" version="2">
    <nd ref="1"/>
    <nd ref="2"/>
    <nd ref="3"/>
    <tag k="highway" v="residential"/>
    <tag k="name" v="Rue des Fleurs &amp; du Port"/>
  </way>
  <way id="11">
    <nd ref="2"/>
    <nd ref="5"/>
    <tag k="highway" v="service"/>
    <tag k="oneway" v="yes"/>
  </way>
  <way id="12">
    <nd ref="4"/><nd ref="6"/><nd ref="7"/><nd ref="4"/>
    <tag k="building" v="yes"/>
  </way>
  <way id="13">
    <nd ref="6"/><nd ref="7"/>
    <tag k="highway" v="construction"/>
  </way>
  <relation id="20">
    <member type="way" ref="10" role=""/>
    <tag k="type" v="route"/>
  </relation>
</osm>
`;
