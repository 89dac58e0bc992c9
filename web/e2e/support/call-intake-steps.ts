import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './paths';

/**
 * One action of the operator (a key or a click; typed text is not an action) and what the wall must
 * show before the next one: the step's UI time runs from the action to that.
 */
export interface IntakeStep {
  /** the key or click as the docs print it */
  action: string;
  /** what the operator means by it */
  purpose: string;
  /** text typed into the field this action lands on, before the next action */
  type?: string;
  /** untimed preparation (a screenshot of the screen before the action) */
  before?: (page: Page) => Promise<void>;
  run: (page: Page) => Promise<void>;
  /** resolves once the screen shows the step's effect */
  shown: (page: Page) => Promise<unknown>;
}

export interface StepTiming {
  n: number;
  action: string;
  purpose: string;
  typed: string;
  uiMs: number;
}

const focusIs = (page: Page, testId: string) =>
  page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId, { polling: 'raf', timeout: 10_000 });
const press = (key: string) => (page: Page) => page.keyboard.press(key);

/** Tab to a field: shown when the cursor is in it. */
export const tabTo = (testId: string, purpose: string, type?: string): IntakeStep => ({
  action: 'Tab',
  purpose,
  ...(type !== undefined ? { type } : {}),
  run: press('Tab'),
  shown: (page) => focusIs(page, testId),
});

/**
 * Runs the steps, timing each from its action to its effect on screen (typing happens after the
 * timer stops: it is the caller's speed, not the screen's), and writes the table to test-artifacts.
 */
export async function runTimedSteps(page: Page, steps: readonly IntakeStep[], name: string): Promise<StepTiming[]> {
  const timings: StepTiming[] = [];
  for (const [i, step] of steps.entries()) {
    await step.before?.(page);
    const started = performance.now();
    await step.run(page);
    await step.shown(page);
    const uiMs = Math.round(performance.now() - started);
    if (step.type !== undefined) await page.keyboard.type(step.type);
    timings.push({ n: i + 1, action: step.action, purpose: step.purpose, typed: step.type ?? '', uiMs });
  }
  const table = [
    '| # | action | purpose | typed after it | UI time (ms) |',
    '|---|---|---|---|---|',
    ...timings.map((t) => `| ${t.n} | ${t.action} | ${t.purpose} | ${t.typed} | ${t.uiMs} |`),
  ].join('\n');
  writeFileSync(join(ARTIFACTS_DIR, `${name}.json`), JSON.stringify(timings, null, 2));
  writeFileSync(join(ARTIFACTS_DIR, `${name}.md`), `${table}\n`);
  console.log(`\n${name}: ${timings.length} actions\n${table}\n`);
  return timings;
}

export { focusIs };
