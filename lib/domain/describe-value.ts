// One safe rendering of any user value for messages, shared by every layer that echoes input.

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

