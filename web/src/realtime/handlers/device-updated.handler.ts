import type { DeviceUpdatedMessage } from '@lianfang/shared';

/**
 * An alert device created, re-keyed or revoked. Nothing on the wall shows devices; the console
 * reloads its own list after each action. Handled (as a no-op) so the seq order has no hole.
 */
export function applyDeviceUpdated(_msg: DeviceUpdatedMessage): void {}
