/**
 * A tracker id is the only secret the OsmAnd protocol carries: whoever reads it off a screen can
 * post positions as that unit. So the table shows just enough to tell ids apart (`lf••••••••3k9q`).
 */
export function maskTrackerId(trackerId: string): string {
  const dots = '••••••••';
  // Short ids would be given away by their ends: hide them whole.
  if (trackerId.length < 10) return dots;
  return `${trackerId.slice(0, 2)}${dots}${trackerId.slice(-4)}`;
}
