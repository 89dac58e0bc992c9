import { toCsv } from '@lianfang/shared';
import type { Static, TObject } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';

/**
 * JSON as is, or with `format=csv` the same `rows` as a spreadsheet: the columns
 * are the row schema's properties in declared order, so CSV and JSON cannot differ.
 */
export function sendTable<R extends TObject, B extends { rows: Static<R>[] }>(
  reply: FastifyReply,
  format: 'json' | 'csv' | undefined,
  row: R,
  name: string,
  body: B,
): B | FastifyReply {
  if (format !== 'csv') return body;
  const columns = Object.keys(row.properties) as (keyof Static<R> & string)[];
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="lianfang-${name}.csv"`)
    .send(toCsv(columns, body.rows));
}
