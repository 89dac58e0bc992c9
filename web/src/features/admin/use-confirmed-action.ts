import { ref } from 'vue';
import { describeAdminError, type AdminProblem } from './admin-error';

/** An action waiting for the administrator's yes, with the words the confirm dialog shows. */
export interface PendingAction {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  run: () => Promise<void>;
}

/**
 * One confirm dialog per tab: `ask` opens it, `confirm` runs the action and closes it, and a
 * refusal from the server lands in `problem` for the tab's error line.
 */
export function useConfirmedAction(describe: (err: unknown) => AdminProblem = describeAdminError) {
  const pending = ref<PendingAction | null>(null);
  const problem = ref<AdminProblem | null>(null);

  function ask(action: PendingAction): void {
    problem.value = null;
    pending.value = action;
  }

  async function attempt(run: () => Promise<void>): Promise<void> {
    problem.value = null;
    try {
      await run();
    } catch (err) {
      problem.value = describe(err);
    }
  }

  async function confirm(): Promise<void> {
    const action = pending.value;
    pending.value = null;
    if (action) await attempt(action.run);
  }

  function cancel(): void {
    pending.value = null;
  }

  return { pending, problem, ask, attempt, confirm, cancel };
}
