import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

type PbfReader = ConstructorParameters<typeof VectorTile>[0];

/** A Mapbox Vector Tile's layers. @mapbox/vector-tile 3 types its reader as pbf 5's; the server's pbf 4 reads the same wire format. */
export const decodeTile = (bytes: Uint8Array): VectorTile => new VectorTile(new Pbf(bytes) as unknown as PbfReader);
