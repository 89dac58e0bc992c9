import type { JurisdictionImportReport } from '@lianfang/shared';
import { ApiRequestError, NetworkError } from '../../api/api-errors';
import { apiRequest } from '../../api/http-client';
import { readSessionToken } from '../../api/session-token';

/** The whole jurisdiction as one zip (docs/admin-import.md "The whole jurisdiction"): out, and back in. */
export const jurisdictionApi = {
  /** the zip and the name the server gives it (jurisdiction-<date>.zip) */
  async exportZip(): Promise<{ blob: Blob; name: string | null }> {
    const token = readSessionToken();
    let res: Response;
    try {
      res = await fetch('/api/admin/export/jurisdiction', { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: 'same-origin' });
    } catch (err) {
      throw new NetworkError(err);
    }
    if (!res.ok) throw new ApiRequestError(res.status, await res.json().catch(() => ({ message: res.statusText })));
    return { blob: await res.blob(), name: /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? null };
  },
  importZip: (file: Blob, dryRun: boolean) =>
    apiRequest<JurisdictionImportReport>(`/api/admin/import/jurisdiction?dryRun=${dryRun}`, {
      method: 'POST',
      rawBody: new Blob([file], { type: 'application/zip' }),
    }),
};
