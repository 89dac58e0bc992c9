import type { Unit, WhatIfRequest } from '@lianfang/shared';
import { unprocessable } from '../domain-errors.js';

/**
 * What the schema cannot see in a what-if: every named unit exists, and none is both moved and
 * removed or moved twice. Throws a 422 naming the field (`move.2.unitId`).
 */
export function checkWhatIfUnits(request: WhatIfRequest, units: ReadonlyMap<string, Unit>): void {
  const unknown = (request.removeUnitIds ?? []).find((id) => !units.has(id));
  if (unknown) throw unprocessable('removeUnitIds', `no unit ${unknown}`);
  const removed = new Set(request.removeUnitIds ?? []);
  const seen = new Set<string>();
  (request.move ?? []).forEach(({ unitId }, i) => {
    const field = `move.${i}.unitId`;
    if (!units.has(unitId)) throw unprocessable(field, `no unit ${unitId}`);
    if (removed.has(unitId)) throw unprocessable(field, `unit ${unitId} is also in removeUnitIds`);
    if (seen.has(unitId)) throw unprocessable(field, `unit ${unitId} is moved twice`);
    seen.add(unitId);
  });
}
