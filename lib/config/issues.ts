// Config problems are collected, never thrown one at a time: users fix everything in one pass.

/** One problem in a configuration, addressed by its path in the config document. */
export interface ConfigIssue {
  /** Path in the config, e.g. `namespaces[2].retentionDays` (empty for the document itself). */
  readonly path: string;
  /** What is wrong, with the value and the fix. */
  readonly message: string;
}

/** Thrown when a configuration has problems; `issues` lists all of them. */
export class ConfigError extends Error {
  public readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], public readonly source?: string) {
    super(formatIssues(capIssues(issues), source));
    this.issues = capIssues(issues);
    this.name = "ConfigError";
  }
}

/** `namespaces[2].retentionDays` from `["namespaces", 2, "retentionDays"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function formatIssues(issues: readonly ConfigIssue[], source?: string): string {
  const head = `${source ? `${source}: ` : ""}${issues.length} configuration problem${issues.length === 1 ? "" : "s"}:`;
  return [head, ...issues.map((i) => `  ${i.path || "(config)"}: ${i.message}`)].join("\n");
}

export { describeValue, MAX_ECHO } from "../domain/describe-value";
import { MAX_ECHO } from "../domain/describe-value";

/**
 * Shortens values echoed inside a message (a quoted run longer than MAX_ECHO, or a whole message beyond
 * a few hundred characters), whatever produced it.
 */
export function capEcho(message: string): string {
  if (message.length <= 600) return message;
  const quoted = message.replace(/"[^"\n]{200,}"/g, (m) => `${m.slice(0, 61)}..." (${m.length - 2} characters)`);
  return quoted.length > 2000 ? `${quoted.slice(0, 1997)}...` : quoted;
}

export function capIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return issues.map((i) => ({ path: capEcho(i.path), message: capEcho(i.message) }));
}

/** Collects issues while validating; sections add to it with their own paths. */
export class IssueCollector {
  private readonly found: ConfigIssue[] = [];

  add(path: readonly PropertyKey[] | string, message: string): void {
    this.found.push({ path: typeof path === "string" ? path : formatPath(path), message });
  }

  get issues(): readonly ConfigIssue[] {
    return this.found;
  }

  get empty(): boolean {
    return this.found.length === 0;
  }
}
