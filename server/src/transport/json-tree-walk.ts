/** One value of a parsed JSON tree, with the way back to the root (for naming the field). */
export interface JsonNode {
  value: unknown;
  key: string | number | undefined;
  depth: number;
  parent: JsonNode | undefined;
}

/** What is wrong with a payload, named like a validation error: `location.lat`, `unitIds.3`. */
export interface PayloadIssue {
  field: string;
  message: string;
}

/**
 * Arrays and objects are descended into (also prototype-less ones: Fastify's query objects have
 * an empty prototype of their own); binary (Buffers, typed arrays) is a leaf, never walked byte by byte.
 */
export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  return !!value && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer);
}

/**
 * Visits every node depth-first, parent before children, with an explicit stack instead of
 * recursion: a payload nested 100,000 levels deep cannot overflow the call stack here.
 * `visit` returns false to stop the walk (it should check a node's child count before that
 * many children are pushed, so a huge array is refused without being walked).
 */
export function walkJson(root: unknown, visit: (node: JsonNode) => boolean | void): void {
  const stack: JsonNode[] = [{ value: root, key: undefined, depth: 0, parent: undefined }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) return;
    const value = node.value;
    if (!isContainer(value)) continue;
    const depth = node.depth + 1;
    if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, depth, parent: node });
    else for (const key of Object.keys(value).reverse()) stack.push({ value: value[key], key, depth, parent: node });
  }
}

/** `location.lat` for a node two levels down; `(body)` for the root itself. */
export function pathOf(node: JsonNode): string {
  const keys: (string | number)[] = [];
  for (let n: JsonNode | undefined = node; n && n.key !== undefined; n = n.parent) keys.push(n.key);
  return keys.length > 0 ? keys.reverse().join('.') : '(body)';
}

/** Number of direct children a node will push (0 for a leaf). */
export function childCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return isContainer(value) ? Object.keys(value).length : 0;
}
