import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// strictNumbers: NaN and ±Infinity (JSON's 1e999 parses to Infinity) fail every number schema,
// bounded or not, so no non-finite number reaches the database from any route or socket command.
const COMMON: Options = { removeAdditional: 'all', useDefaults: true, allErrors: false, strictNumbers: true };

/**
 * JSON bodies and socket payloads are typed already: no coercion, so `"lat": "Infinity"` or
 * `"lat": null` is a 400 naming the field instead of a stored null or an incident on the equator.
 */
export const bodyAjv = addFormats(new Ajv({ ...COMMON, coerceTypes: false }));

// Query strings and path params arrive as text: coercing "42" to 42 there is what they need.
const textAjv = addFormats(new Ajv({ ...COMMON, coerceTypes: 'array' }));

/** Bodies are checked without coercion, everything else (querystring, params, headers) with it. */
export function registerValidatorCompilers(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));
}
