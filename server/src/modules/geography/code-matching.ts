/**
 * Records by code, as an import matches them: the one in service when there is one, else the
 * last retired (codes are unique only among records in service, so retired ones may share a code).
 */
export function byCodeForImport<T extends { id: string; code?: string | undefined; retiredAt?: string | null | undefined }>(
  records: readonly T[],
): Map<string, T> {
  const byCode = new Map<string, T>();
  for (const r of records) {
    const code = r.code ?? r.id;
    const held = byCode.get(code);
    if (!held || (held.retiredAt && (!r.retiredAt || r.retiredAt > held.retiredAt))) byCode.set(code, r);
  }
  return byCode;
}

export const twiceInFile = (value: string) => ({ field: 'properties.code', message: 'appears twice in this file', code: 'twice_in_file', params: { value } });
