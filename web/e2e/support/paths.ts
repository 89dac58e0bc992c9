import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_DIR = fileURLToPath(new URL('../../../server', import.meta.url));
/** Screenshots people look at after a run (and the issue asks for). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../../test-artifacts', import.meta.url));
