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
  constructor(public readonly issues: readonly ConfigIssue[], public readonly source?: string) {
    super(formatIssues(issues, source));
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

/** A short, safe rendering of a config value for messages. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text && text.length > 60 ? `${text.slice(0, 57)}...` : String(text);
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
