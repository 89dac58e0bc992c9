import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '../../db/db-unavailable.js';
import { STATUS_OF } from './error-status.js';
import { integrityErrorOf } from '../../db/integrity-errors.js';
import { pathOnly } from '../../observability/log-serializers.js';
import { DomainError, RateLimited } from '../../modules/domain-errors.js';

interface AjvIssue {
  instancePath?: string;
  params?: { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
  message?: string;
}

/** Ajv's words, made plain: a missing field "is required", an enum lists what it allows. */
export function messageOf(issue: AjvIssue): string {
  if (issue.params?.missingProperty) return 'is required';
  if (issue.params?.allowedValues) return `must be one of ${issue.params.allowedValues.join(', ')}`;
  return issue.message ?? 'is invalid';
}

/** The field an Ajv error is about: `/location/lat` → `location.lat`, a missing one → its name. */
export function fieldOf(issue: AjvIssue): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const extra = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  return [path, extra].filter(Boolean).join('.') || '(body)';
}

/**
 * One error handler: 4xx bodies name the field and say what is wrong; 5xx are
 * logged with context and answered with a generic message, never internals.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError | DomainError, request, reply) => {
    // A foreign key, unique or format error of the database is the client's input: a 4xx naming the field.
    const error = integrityErrorOf(thrown) ?? thrown;
    if (error instanceof DomainError) {
      if (error instanceof RateLimited) reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
      const status = STATUS_OF[error.kind];
      return reply.status(status).send({
        statusCode: status,
        error: reasonOf(status),
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
        ...(error.code ? { code: error.code } : {}),
      });
    }
    const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
    if (fe.validation && fe.validation.length > 0) {
      const issue = fe.validation[0]!;
      const field = fieldOf(issue);
      return reply
        .status(400)
        .send({ statusCode: 400, error: 'Bad Request', message: `${fe.validationContext ?? 'body'}.${field} ${messageOf(issue)}`, field });
    }
    // Nothing was committed: say so, so that a gateway keeps the alert and retries (issue 7, PostgreSQL outage).
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ url: pathOnly(request.url), method: request.method, code: (error as { code?: string }).code }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ statusCode: 503, error: 'Service Unavailable', message: 'database unavailable: nothing was recorded, retry later' });
    }
    const status = fe.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error, url: pathOnly(request.url), method: request.method }, 'request failed');
      return reply.status(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side; it has been logged.' });
    }
    // Fastify's own 4xx (bad JSON, body too large, unsupported media type) keep their message.
    return reply.status(status).send({ statusCode: status, error: reasonOf(status), message: fe.message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `${request.method} ${request.url.split('?')[0]} does not exist` }),
  );
}

function reasonOf(status: number): string {
  return (
    (
      {
        400: 'Bad Request',
        401: 'Unauthorized',
        403: 'Forbidden',
        404: 'Not Found',
        409: 'Conflict',
        413: 'Payload Too Large',
        415: 'Unsupported Media Type',
        422: 'Unprocessable Entity',
        429: 'Too Many Requests',
        503: 'Service Unavailable',
      } as Record<number, string>
    )[status] ?? 'Error'
  );
}
