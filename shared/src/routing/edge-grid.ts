import type { RoadGraph } from './road-graph.js';

/**
 * The uniform grid behind EdgeSpatialIndex, in projected metres: its shape, and the CSR-style
 * bucket arrays listing which segments touch each cell.
 */
export interface GridShape {
  minX: number;
  minY: number;
  cols: number;
  rows: number;
  cellSize: number;
}

/** A grid over the nodes' extent, coarsened when needed so cells never outnumber segments by much. */
export function gridShape(x: Float64Array, y: Float64Array, itemCount: number, cellSizeM: number): GridShape {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity; // prettier-ignore
  for (let i = 0; i < x.length; i++) {
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxY = Math.max(maxY, y[i]!);
  }
  if (x.length === 0) minX = minY = maxX = maxY = 0;
  const maxCells = Math.max(4096, 4 * itemCount);
  let cellSize = cellSizeM;
  while (Math.ceil((maxX - minX + 1) / cellSize) * Math.ceil((maxY - minY + 1) / cellSize) > maxCells) cellSize *= 1.5;
  return { minX, minY, cellSize, cols: Math.ceil((maxX - minX + 1) / cellSize), rows: Math.ceil((maxY - minY + 1) / cellSize) };
}

export function fillCells(
  graph: RoadGraph,
  x: Float64Array,
  y: Float64Array,
  items: readonly number[],
  grid: GridShape,
): { cellStart: Uint32Array; cellItems: Uint32Array } {
  const { cols, rows, minX, minY, cellSize } = grid;
  const cellStart = new Uint32Array(cols * rows + 1);
  const forEachCell = (edge: number, visit: (cell: number) => void): void => {
    const a = graph.sources[edge]!;
    const b = graph.targets[edge]!;
    const i0 = Math.floor((Math.min(x[a]!, x[b]!) - minX) / cellSize);
    const i1 = Math.floor((Math.max(x[a]!, x[b]!) - minX) / cellSize);
    const j0 = Math.floor((Math.min(y[a]!, y[b]!) - minY) / cellSize);
    const j1 = Math.floor((Math.max(y[a]!, y[b]!) - minY) / cellSize);
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) visit(j * cols + i);
  };
  for (const edge of items) forEachCell(edge, (cell) => cellStart[cell + 1]!++);
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1]! += cellStart[c]!;
  const cursor = cellStart.slice(0, cols * rows);
  const cellItems = new Uint32Array(cellStart[cols * rows]!);
  for (const edge of items) forEachCell(edge, (cell) => (cellItems[cursor[cell]!++] = edge));
  return { cellStart, cellItems };
}
