import { describe, expect, it } from 'vitest';
import { ApiRequestError, NetworkError } from '../../src/api/api-errors';
import { describeLoginError } from '../../src/features/auth/login-error';

describe('login errors', () => {
  it.each([
    [new ApiRequestError(401, { message: 'username or password is wrong' }), { key: 'login.wrongCredentials' }],
    [new ApiRequestError(429, { message: 'slow down' }), { key: 'login.tooManyTries' }],
    [new NetworkError(new TypeError('fetch failed')), { key: 'login.serverUnreachable' }],
    [new ApiRequestError(400, { message: 'body/username must match pattern', field: 'username' }), { key: 'login.failed', field: 'username' }],
  ])('%s', (err, expected) => {
    expect(describeLoginError(err)).toMatchObject(expected);
  });
});
