import type { OneTimeSecret } from '@lianfang/shared';

/** The passwords (users) or keys (devices) one import made, shown once in OneTimeSecretsDialog. */
export interface SecretGroup {
  kind: 'users' | 'devices';
  secrets: OneTimeSecret[];
}
