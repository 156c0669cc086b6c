// The one reader of Terraform references in synthesized JSON: `${type.name.attr}` traversals inside
// template expressions, for the rule pack and the plan review alike.

/** A resource or data-source traversal found in an attribute value. */
export interface Reference {
  /** `resource` for `type.name`, `data` for `data.type.name`. */
  readonly kind: "resource" | "data";
  readonly type: string;
  readonly name: string;
  /** Attribute path after the name (`id`, `endpoints.grpc_address`, `token[0]`); "" for the whole object. */
  readonly attribute: string;
  /** `type.name` or `data.type.name`. */
  readonly address: string;
}

/** Roots that are not blocks of the stack (variables, locals, modules, iteration symbols). */
const NOT_BLOCKS = new Set(["var", "local", "module", "each", "count", "path", "self", "terraform"]);
// Not preceded by a word character or a dot, so `a.b.c` is read once from `a`, never from `b`.
const TRAVERSAL = /(?<![\w.])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z0-9_]+|\[\d+\])*)/g;

/**
 * The bodies of the `${...}` template interpolations in `text`. Braces inside the expression (object
 * literals, nested templates) and quoted strings are matched; `$${` is Terraform's escape for a literal
 * `${` and starts no expression.
 */
export function interpolations(text: string): string[] {
  const out: string[] = [];
  eachInterpolation(text, (start, end) => out.push(text.slice(start, end)));
  return out;
}

/** Calls `fn` with the bounds `[start, end)` of every interpolation body in `text`, in order. */
function eachInterpolation(text: string, fn: (start: number, end: number) => void): void {
  let i = text.indexOf("${");
  while (i >= 0) {
    if (i > 0 && text[i - 1] === "$") {
      i = text.indexOf("${", i + 2);
      continue;
    }
    const end = closingBrace(text, i + 2);
    fn(i + 2, end);
    i = text.indexOf("${", end + 1);
  }
}

/** Index of the `}` closing an expression that starts at `from` (or the end of the text). */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  let quoted = false;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quoted) {
      if (c === "\\") j++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return j;
      depth--;
    }
  }
  return text.length;
}

/** Resource and data references in one expression body (inside quoted strings only their own templates count). */
function referencesInExpression(expression: string, out: Reference[]): void {
  const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, (literal) => {
    for (const nested of interpolations(literal)) referencesInExpression(nested, out);
    return '""';
  });
  for (const m of code.matchAll(TRAVERSAL)) {
    const [, data, type, name, rest] = m;
    if (!data && NOT_BLOCKS.has(type)) continue;
    out.push({ kind: data ? "data" : "resource", type, name, attribute: rest.replace(/^\./, ""), address: `${data ? "data." : ""}${type}.${name}` });
  }
}

/** Every resource / data reference in a value (strings anywhere inside it). */
export function referencesIn(value: unknown): Reference[] {
  const out: Reference[] = [];
  visitStrings(value, (s) => {
    if (!s.includes("${")) return;
    for (const expression of interpolations(s)) referencesInExpression(expression, out);
  });
  return out;
}

/** Calls `fn` for every string inside `value` (objects and arrays walked depth-first). */
export function visitStrings(value: unknown, fn: (s: string) => void): void {
  if (typeof value === "string") fn(value);
  else if (Array.isArray(value)) for (const v of value) visitStrings(v, fn);
  else if (value && typeof value === "object") for (const v of Object.values(value)) visitStrings(v, fn);
}

/** True when a string is (or contains) an expression, i.e. its value is only known at plan/apply. */
export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && value.includes("${") && interpolations(value).length > 0;
}

/** `text` with the body of every `${...}` interpolation passed through `fn` (`$${` escapes stay as they are). */
export function mapInterpolations(text: string, fn: (expression: string) => string): string {
  let out = "";
  let last = 0;
  eachInterpolation(text, (start, end) => {
    out += `${text.slice(last, start)}${fn(text.slice(start, end))}`;
    last = end;
  });
  return out + text.slice(last);
}

/** The expression a whole-value template stands for: `${a.b.c}` → `a.b.c`; undefined for anything else. */
export function soleExpression(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.startsWith("${") || !value.endsWith("}")) return undefined;
  const bodies = interpolations(value);
  return bodies.length === 1 && `\${${bodies[0]}}` === value ? bodies[0] : undefined;
}
