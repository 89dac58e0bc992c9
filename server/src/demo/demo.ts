import type { FastifyInstance } from 'fastify';

/** Placeholder until the demo city lands. */
export async function startDemo(_app: FastifyInstance, _baseUrl: string): Promise<() => void> {
  return () => {};
}
