import type { AccountMessages } from './account.zh-CN';

/** English strings of the own-account screen and the login lists. */
export const accountEn: AccountMessages = {
  nav: { account: 'Account', admin: 'Admin', back: 'Back' },
  account: {
    title: 'My account',
    signedInAs: '{username} · {role}',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    repeatPassword: 'Repeat new password',
    submit: 'Change password',
    submitting: 'Saving…',
    required: 'Required',
    tooShort: 'At least 8 characters',
    mismatch: 'The new passwords do not match',
    wrongCurrent: 'The current password is wrong',
    changed: 'Password changed; {n} other logins ended',
    failed: 'Action failed: {message}',
    mySessions: 'My logins',
    loadFailed: 'Loading failed: {message}',
  },
  sessions: {
    started: 'Logged in',
    lastSeen: 'Last seen',
    address: 'Address',
    device: 'Device',
    expires: 'Expires',
    current: 'This device',
    end: 'End',
    endAll: 'End all',
    empty: 'No active logins',
    unknown: 'unknown',
    loading: 'Loading…',
  },
};
