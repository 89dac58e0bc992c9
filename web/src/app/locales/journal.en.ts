import type { JournalMessages } from './journal.zh-CN';

/** English strings of the presses received while the database is away (the intake journal). */
export const journalEn: JournalMessages = {
  journal: {
    title: '{n} alerts received, not yet recorded',
    why: 'Database unavailable: the presses are kept safe and recorded in order when it returns',
    at: 'received {time}',
  },
};
