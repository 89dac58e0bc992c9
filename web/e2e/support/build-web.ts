import { build } from 'vite';
import { WEB_DIR } from './paths';

/** The production build the server will serve (the real bundle, not the dev server). */
export async function buildWeb(): Promise<void> {
  await build({ root: WEB_DIR, configFile: `${WEB_DIR}/vite.config.ts`, logLevel: 'warn' });
}
