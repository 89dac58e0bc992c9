import { childCount, pathOf, walkJson, type PayloadIssue } from '../json-tree-walk.js';

/**
 * Limits on a socket command's payload, checked before anything recursive (Ajv, structuredClone,
 * the handlers) sees it. The largest real command, `dispatch:candidates`, is one level deep with
 * a dozen fields; these leave wide room for growth while keeping any walk short and shallow.
 * - depth 16: every contract object is at most 3 levels deep;
 * - 10,000 nodes (values, array items and keys counted once each): the 1 MB message cap alone
 *   would allow ~500,000;
 * - 64 KB per string (and per key): the longest text field (a note) is 2,000 characters.
 * Binary attachments are refused: no command takes one.
 */
export const PAYLOAD_LIMITS = { maxDepth: 16, maxNodes: 10_000, maxStringLength: 64 * 1024 } as const;
export type PayloadLimits = { [K in keyof typeof PAYLOAD_LIMITS]: number };

/** The first limit a payload breaks, or null; walks iteratively and stops at the first breach. */
export function payloadLimitIssue(payload: unknown, limits: PayloadLimits = PAYLOAD_LIMITS): PayloadIssue | null {
  let nodes = 1;
  let issue: PayloadIssue | null = null;
  walkJson(payload, (node) => {
    const value = node.value;
    if (node.depth > limits.maxDepth) issue = { field: pathOf(node), message: `is nested deeper than ${limits.maxDepth} levels` };
    else if (typeof value === 'string' && value.length > limits.maxStringLength)
      issue = { field: pathOf(node), message: `is longer than ${limits.maxStringLength} characters` };
    else if (typeof node.key === 'string' && node.key.length > limits.maxStringLength)
      issue = { field: pathOf(node.parent!), message: `has a key longer than ${limits.maxStringLength} characters` };
    else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) issue = { field: pathOf(node), message: 'must not be binary' };
    else if ((nodes += childCount(value)) > limits.maxNodes) issue = { field: pathOf(node), message: `holds more than ${limits.maxNodes} values in all` };
    return issue === null;
  });
  return issue;
}
