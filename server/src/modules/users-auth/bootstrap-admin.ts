import type { FastifyInstance } from 'fastify';
import { ensureAdmin } from './user-repository.js';

/** First start: an `admin` user, with a generated password printed once when none was given. */
export async function bootstrapAdmin(app: FastifyInstance): Promise<string | null> {
  const { created, generatedPassword } = await ensureAdmin(app.core.db, app.core.config.ADMIN_PASSWORD);
  if (created) app.log.info('created user admin');
  return generatedPassword;
}
