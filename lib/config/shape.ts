// Guards that run before the schema: a document the schema cannot safely walk (a cycle from a TypeScript
// module or YAML aliases, absurd nesting, not an object at all) gets one clear problem instead.
import { describeValue, formatPath, type ConfigIssue } from "./issues";
import { MAX_NESTING } from "./yaml-input";

/** The one problem that stops validation of `input`, or undefined when the schema can take it. */
export function documentShapeProblem(input: unknown): ConfigIssue | undefined {
  if (input === null || input === undefined) {
    return { path: "", message: "the configuration is empty; give at least a namespaces: list (see examples/development-estate.yaml)" };
  }
  if (typeof input !== "object" || Array.isArray(input)) {
    const what = Array.isArray(input) ? "a list" : `a ${typeof input} (${describeValue(input)})`;
    return { path: "", message: `the configuration is ${what}, not a mapping; write it as keys such as namespaces: at the top level (see examples/development-estate.yaml)` };
  }
  return structureProblem(input);
}

/** Depth-first without recursion, so that a 100,000-level document cannot overflow the stack. */
function structureProblem(root: object): ConfigIssue | undefined {
  type Frame = { value: object; path: PropertyKey[]; exit?: true };
  const ancestors = new Set<object>();
  const done = new Set<object>(); // shared (aliased) values are walked once
  const stack: Frame[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.exit) {
      ancestors.delete(frame.value);
      done.add(frame.value);
      continue;
    }
    if (frame.path.length > MAX_NESTING) {
      return { path: formatPath(frame.path.slice(0, 4)), message: `is nested more than ${MAX_NESTING} levels deep; a configuration is only a few levels deep, so check the brackets or indentation here` };
    }
    ancestors.add(frame.value);
    stack.push({ value: frame.value, path: frame.path, exit: true });
    const entries: [PropertyKey, unknown][] = Array.isArray(frame.value) ? frame.value.map((v, i) => [i, v]) : Object.entries(frame.value);
    for (const [key, child] of entries) {
      if (child === null || typeof child !== "object") continue;
      const at = [...frame.path, key];
      if (ancestors.has(child)) {
        return { path: formatPath(at), message: "contains itself (a cyclic YAML alias or object reference), so it has no finite value; write the values out instead" };
      }
      if (!done.has(child)) stack.push({ value: child, path: at });
    }
  }
  return undefined;
}
