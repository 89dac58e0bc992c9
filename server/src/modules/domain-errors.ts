/** A client error that names the field at fault; the error handler turns it into a 4xx body. */
export class HttpError extends Error {
  constructor(readonly statusCode: number, message: string, readonly field?: string) {
    super(message);
  }
}

export const badRequest = (field: string, message: string) => new HttpError(400, `${field}: ${message}`, field);
export const unprocessable = (field: string, message: string) => new HttpError(422, `${field}: ${message}`, field);
export const notFound = (what: string) => new HttpError(404, `${what} not found`);
export const forbidden = (message = 'your role may not do this') => new HttpError(403, message);
export const unauthorized = (message = 'login required') => new HttpError(401, message);

/** A 429 that says when to come back (the error handler turns it into Retry-After). */
export class RateLimited extends HttpError {
  constructor(message: string, readonly retryAfterMs: number) {
    super(429, message);
  }
}
