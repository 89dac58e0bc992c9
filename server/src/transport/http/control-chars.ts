import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../modules/domain-errors.js';
import { pathOf, walkJson, type PayloadIssue } from '../json-tree-walk.js';

// C0 control characters except tab, line feed and carriage return. PostgreSQL refuses NUL in text
// (a 500 before this check), and none of them belongs in a name, a note or an id.
// eslint-disable-next-line no-control-regex -- matching control characters is this check's whole job
const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
export const CONTROL_CHAR_MESSAGE = 'must not contain control characters (only tab, line feed and carriage return are allowed)';

/** The first string value or key holding a control character, or null; iterative, so any depth is safe. */
export function controlCharIssue(value: unknown): PayloadIssue | null {
  let issue: PayloadIssue | null = null;
  walkJson(value, (node) => {
    if (typeof node.value === 'string' && CONTROL_CHAR.test(node.value)) issue = { field: pathOf(node), message: CONTROL_CHAR_MESSAGE };
    else if (typeof node.key === 'string' && CONTROL_CHAR.test(node.key)) issue = { field: pathOf(node), message: `key ${CONTROL_CHAR_MESSAGE}` };
    return issue === null;
  });
  return issue;
}

/**
 * One check for every route of a context: a control character anywhere in the params, the query
 * or the body is a 400 naming the field, before validation and before any database sees it.
 */
export function registerControlCharCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const issue = controlCharIssue(part);
      if (issue) throw badRequest(issue.field, issue.message);
    }
  });
}
