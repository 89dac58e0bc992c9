import type { TSchema, Static } from '@sinclair/typebox';
import type { ErrorObject } from 'ajv';
import type { AckError } from '@lianfang/shared';
import { fieldOf, messageOf } from '../http/error-handler.js';
// The Ajv of REST bodies, so a message is judged alike over REST and over the socket.
import { bodyAjv as ajv } from '../http/validator-compilers.js';
import type { PayloadIssue } from '../json-tree-walk.js';
import { payloadLimitIssue } from './payload-limits.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: AckError };

/** Compiles a shared schema once; the returned check names the failing field like the REST error handler. */
export function compileCheck<S extends TSchema>(schema: S): (data: unknown) => Checked<Static<S>> {
  const validate = ajv.compile(schema);
  return (data) => {
    // Before the clone and Ajv, both recursive: a payload nested 5,000 deep overflowed the stack here.
    const tooBig = payloadLimitIssue(data);
    if (tooBig) return { ok: false, error: ackErrorOf(tooBig) };
    const copy: unknown = data && typeof data === 'object' ? structuredClone(data) : data;
    if (validate(copy)) return { ok: true, value: copy as Static<S> };
    const issue = (validate.errors ?? [])[0] as ErrorObject | undefined;
    const field = issue ? fieldOf(issue) : '(body)';
    const message = issue ? messageOf(issue) : 'is invalid';
    return { ok: false, error: ackErrorOf({ field, message }) };
  };
}

/** A refusal as the ack carries it: the sentence plus the field it is about. */
export function ackErrorOf(issue: PayloadIssue): AckError {
  return { error: `${issue.field} ${issue.message}`, details: [{ field: issue.field, message: issue.message }] };
}
