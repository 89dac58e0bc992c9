import type { TSchema, Static } from '@sinclair/typebox';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { AckError } from '@lianfang/shared';
import { fieldOf, messageOf } from '../plugins/external/error-handler.js';

// Same Ajv settings as Fastify's, so a message is judged alike over REST and over the socket.
const ajv = new Ajv({ removeAdditional: 'all', useDefaults: true, coerceTypes: false, allErrors: false });
const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
addFormats(ajv);

export type Checked<T> = { ok: true; value: T } | { ok: false; error: AckError };

/** Compiles a shared schema once; the returned check names the failing field like the REST error handler. */
export function compileCheck<S extends TSchema>(schema: S): (data: unknown) => Checked<Static<S>> {
  const validate = ajv.compile(schema);
  return (data) => {
    const copy: unknown = data && typeof data === 'object' ? structuredClone(data) : data;
    if (validate(copy)) return { ok: true, value: copy as Static<S> };
    const issue = (validate.errors ?? [])[0] as ErrorObject | undefined;
    const field = issue ? fieldOf(issue) : '(body)';
    const message = issue ? messageOf(issue) : 'is invalid';
    return { ok: false, error: { error: `${field} ${message}`, details: [{ field, message }] } };
  };
}
