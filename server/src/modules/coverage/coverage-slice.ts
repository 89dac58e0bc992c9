import type { Coverage, LogEntry } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import { latestCoverage } from './coverage-repository.js';

/** The latest published coverage map (derived state: the newest event at the picture's seq). */
export class CoverageSlice implements PictureSlice {
  coverage: Coverage | undefined;

  async load(q: Queryable): Promise<void> {
    this.coverage = await latestCoverage(q);
  }

  apply(entry: LogEntry): void {
    if (entry.type === 'coverage.updated') this.coverage = entry.coverage;
  }
}
