import { beforeAll, describe, expect, it } from 'vitest';
import { distanceM, type Place } from '@lianfang/shared';
import type { PlaceDirectory } from '../../../src/modules/places/place-directory.js';
import { hasExtract } from '../roads/osm/osm-extracts.js';
import { directoryOf } from './place-fixtures.js';

/**
 * Place search on the real extracts in ../shared/osm. Every expected position was checked by
 * hand on a map (openstreetmap.org) and is written here, not read from the index: a result
 * must be the named place and lie within the stated metres of where it really is.
 */
const first = (places: Place[]) => places[0]!;
const within = (place: Place, lat: number, lon: number) => distanceM(place.lat, place.lon, lat, lon);

describe.runIf(hasExtract('nanjing-xinjiekou.osm.pbf'))('place search on the Nanjing Xinjiekou extract', () => {
  let nanjing: PlaceDirectory;
  beforeAll(async () => {
    nanjing = await directoryOf('nanjing-xinjiekou.osm.pbf');
  });

  // 中山东路 leaves the Xinjiekou roundabout (32.0431, 118.7789) eastwards along latitude ≈ 32.043.
  it.each(['中山东路', 'zhongshandonglu', 'zsdl', 'zhong shan dong lu'])('finds 中山东路 by %s', (q) => {
    const street = first(nanjing.search(q, null, 5));
    expect(street).toMatchObject({ kind: 'street', name: '中山东路', nameEn: 'East Zhongshan Road' });
    expect(Math.abs(street.lat - 32.0431)).toBeLessThan(0.0008); // within ~90 m of the street's line north–south
    expect(street.lon).toBeGreaterThan(118.779);
    expect(street.lon).toBeLessThan(118.8);
  });

  it('finds 中山东路 by its English name (the extract also tags 汉中路 and 二条巷 with it, so among the first three)', () => {
    const names = nanjing.search('East Zhongshan Road', null, 3).map((p) => `${p.kind} ${p.name}`);
    expect(names).toContain('street 中山东路');
  });

  it('finds 新街口 by characters and by pinyin, at the roundabout (32.0431, 118.7789)', () => {
    for (const q of ['新街口', 'xinjiekou', 'Xinjiekou']) {
      const place = first(nanjing.search(q, null, 5));
      expect(place.name, q).toBe('新街口');
      expect(within(place, 32.0431, 118.7789), q).toBeLessThan(100);
    }
  });

  it('names crossings the Chinese way and finds them by both streets', () => {
    const crossings = nanjing.search('中山东路 洪武', null, 5);
    // 洪武路 meets 中山东路 at (32.0435, 118.7829)
    const crossing = crossings.find((p) => p.kind === 'crossing' && p.name === '中山东路与洪武路交叉口')!;
    expect(crossing).toBeDefined();
    expect(crossing.nameEn).toBe('East Zhongshan Road / Hongwu Road');
    expect(within(crossing, 32.0435, 118.7829)).toBeLessThan(40);
    expect(nanjing.search('zsdlyhwljck', null, 1)[0]?.name).toBe('中山东路与洪武路交叉口');
  });

  it('tolerates a typo in pinyin', () => {
    expect(first(nanjing.search('zhongshandonlu', null, 3)).name).toBe('中山东路');
  });
});

describe.runIf(hasExtract('andorra.osm.pbf'))('place search on the Andorra extract', () => {
  let andorra: PlaceDirectory;
  beforeAll(async () => {
    andorra = await directoryOf('andorra.osm.pbf');
  });

  it('finds Plaça del Poble, above the Govern in Andorra la Vella (42.5068, 1.5223), with or without accents', () => {
    // Another square of that name lies 4 km north (42.5437, 1.5228): asked from Andorra la Vella, this one.
    for (const q of ['Plaça del Poble', 'placa del poble']) {
      const hit = andorra.search(q, { lat: 42.5075, lon: 1.52 }, 5).find((p) => p.kind === 'poi')!;
      expect(hit.name, q).toBe('Plaça del Poble');
      expect(within(hit, 42.5068, 1.5223), q).toBeLessThan(60);
    }
  });

  it('finds Avinguda Meritxell despite a typo, on the street through Andorra la Vella (42.5078–42.5095 N)', () => {
    for (const q of ['Avinguda Meritxell', 'avinguda meritxel', 'avingda meritxell']) {
      const street = first(andorra.search(q, { lat: 42.508, lon: 1.524 }, 5));
      expect(street, q).toMatchObject({ kind: 'street', name: 'Avinguda Meritxell' });
      expect(street.lat).toBeGreaterThan(42.506);
      expect(street.lat).toBeLessThan(42.511);
      expect(street.distanceM!, q).toBeLessThan(100);
    }
  });

  it('ranks the nearest of five streets called Carrer Major first: Andorra la Vella near the old town, Encamp near Encamp', () => {
    const nearVella = andorra.search('Carrer Major', { lat: 42.5078, lon: 1.5211 }, 5);
    expect(nearVella.map((p) => p.name)).toEqual(Array(5).fill('Carrer Major'));
    const distances = nearVella.map((p) => p.distanceM!);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    // Encamp's Carrer Major, by the Avinguda d'Encamp (42.5423, 1.7338)
    const nearEncamp = first(andorra.search('Carrer Major', { lat: 42.5423, lon: 1.7335 }, 5));
    expect(within(nearEncamp, 42.5423, 1.7338)).toBeLessThan(150);
    expect(nearEncamp.distanceM!).toBeLessThan(150);
  });

  it('finds a crossing written with a slash', () => {
    const hit = first(andorra.search('Avinguda Meritxell / Carrer Dr. Vilanova', null, 3));
    expect(hit).toMatchObject({ kind: 'crossing', name: 'Avinguda Meritxell / Carrer Dr. Vilanova' });
    expect(within(hit, 42.5076, 1.5225)).toBeLessThan(60);
  });
});

describe.runIf(hasExtract('monaco.osm.pbf'))('place search on the Monaco extract', () => {
  let monaco: PlaceDirectory;
  beforeAll(async () => {
    monaco = await directoryOf('monaco.osm.pbf');
  });

  it('finds the casino (43.7393, 7.4285) and the oceanographic museum (43.7307, 7.4255), accents or not', () => {
    const casino = first(monaco.search('Casino de Monte-Carlo', null, 3));
    expect(casino).toMatchObject({ kind: 'poi', name: 'Casino de Monte Carlo' });
    expect(within(casino, 43.7393, 7.4285)).toBeLessThan(60);
    for (const q of ['Musée océanographique', 'musee oceanographique', 'musee oceanografique']) {
      const museum = first(monaco.search(q, null, 3));
      expect(museum.name, q).toBe('Musée Océanographique');
      expect(within(museum, 43.7307, 7.4255), q).toBeLessThan(80);
    }
  });

  it('finds Boulevard Albert 1er along the harbour (43.7347, 7.4213) by a prefix', () => {
    const street = first(monaco.search('Boulevard Albert', null, 3));
    expect(street).toMatchObject({ kind: 'street', name: 'Boulevard Albert 1er' });
    expect(within(street, 43.7347, 7.4213)).toBeLessThan(200);
  });
});
