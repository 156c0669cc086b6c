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

/** Longest rendering of a value echoed in a message; a 50 MB value is summarised, never printed. */
export const MAX_ECHO = 80;
const MAX_ECHO_DEPTH = 4;

/**
 * A short, safe rendering of any config value for messages: never throws (cycles, deep nesting, huge
 * strings, Infinity), never longer than about MAX_ECHO characters.
 */
export function describeValue(value: unknown, max = MAX_ECHO): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return quoteCapped(value, max);
  const text = render(value, new Set(), 0, max + 1);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

function quoteCapped(text: string, max: number): string {
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, max - 20))}... (${text.length} characters)`;
}

/** Renders like JSON, stopping once `budget` characters are produced. */
function render(value: unknown, ancestors: Set<object>, depth: number, budget: number): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return quoteCapped(value, Math.max(budget, 24));
    case "number":
      return Number.isFinite(value) ? String(value) : value > 0 ? ".inf (Infinity)" : value < 0 ? "-.inf (-Infinity)" : ".nan (NaN)";
    case "boolean":
    case "bigint":
      return String(value);
    case "object":
      break;
    default:
      return `a ${typeof value}`;
  }
  const obj = value as object;
  if (ancestors.has(obj)) return "<cycle>";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid date" : JSON.stringify(value.toISOString());
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? (value as unknown[]).map((v, i) => [String(i), v]) : Object.entries(obj);
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return `${open}${close}`;
  if (depth >= MAX_ECHO_DEPTH) return `${open}...${close}`;
  ancestors.add(obj);
  let out = open;
  for (const [i, [key, v]] of entries.entries()) {
    if (out.length >= budget) break;
    const item = render(v, ancestors, depth + 1, budget - out.length);
    out += `${i > 0 ? "," : ""}${isArray ? "" : `${JSON.stringify(key.length > 40 ? `${key.slice(0, 37)}...` : key)}:`}${item}`;
  }
  ancestors.delete(obj);
  return out.length >= budget ? out : `${out}${close}`;
}

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
