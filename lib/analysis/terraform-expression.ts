// A small evaluator for the Terraform expression language as it appears in synthesized cdk.tf.json: template
// strings, references, arithmetic, comparisons, conditionals, object literals and the few functions the
// rotation constructs use. Values that Terraform only knows after apply are the UNKNOWN marker, which
// propagates like Terraform's unknowns. Anything outside the subset throws, so a construct change that the
// analysis does not understand fails loudly instead of being modelled wrongly.

export const UNKNOWN: unique symbol = Symbol("unknown");
export type Value = string | number | boolean | null | typeof UNKNOWN | Value[] | { [key: string]: Value };

/** Resolves `a.b.c` traversals (resource attributes, locals) while evaluating. */
export interface EvalScope {
  /** The plan's timestamp, seconds since the Unix epoch. */
  readonly now: number;
  /** Value of a traversal such as ["temporalcloud_apikey", "key_blue", "token"]; UNKNOWN if not known yet. */
  resolve(path: readonly string[]): Value;
}

type Token = { kind: "num"; value: number } | { kind: "str"; parts: (string | Node)[] } | { kind: "id"; value: string } | { kind: "op"; value: string };
type Node =
  | { t: "lit"; v: Value }
  | { t: "tpl"; parts: (string | Node)[] }
  | { t: "ref"; path: string[] }
  | { t: "call"; name: string; args: Node[] }
  | { t: "get"; of: Node; key: string }
  | { t: "index"; of: Node; key: Node }
  | { t: "un"; op: string; a: Node }
  | { t: "bin"; op: string; a: Node; b: Node }
  | { t: "cond"; c: Node; a: Node; b: Node }
  | { t: "obj"; items: [Node, Node][] }
  | { t: "list"; items: Node[] };

const OPS = ["==", "!=", "<=", ">=", "&&", "||", "::", "+", "-", "*", "/", "%", "<", ">", "!", "?", ":", "(", ")", "{", "}", "[", "]", ",", ".", "="];

/** Parses a JSON string value of cdk.tf.json (a template) into a tree. */
export function parseTemplate(text: string): Node {
  const parts = templateParts(text, 0, text.length);
  if (parts.length === 1 && typeof parts[0] !== "string") return parts[0];
  return { t: "tpl", parts };
}

function templateParts(text: string, from: number, to: number): (string | Node)[] {
  const parts: (string | Node)[] = [];
  let literal = "";
  let i = from;
  while (i < to) {
    if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      literal += text[i + 1] + "{";
      i += 3;
    } else if (text.startsWith("%{", i)) {
      throw new Error(`template directives (%{...}) are not supported: ${text}`);
    } else if (text.startsWith("${", i)) {
      const end = matchingBrace(text, i + 1);
      if (literal) parts.push(literal);
      literal = "";
      parts.push(parseExpression(text.slice(i + 2, end)));
      i = end + 1;
    } else {
      literal += text[i++];
    }
  }
  if (literal || parts.length === 0) parts.push(literal);
  return parts;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      else if ((ch === "$" || ch === "%") && text[i + 1] === ch && text[i + 2] === "{") i += 2; // $${ / %%{: literal text
      else if (ch === "$" && text[i + 1] === "{") {
        i = matchingBrace(text, i + 1);
      }
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i;
  }
  throw new Error(`unbalanced braces in ${text}`);
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) { i++; continue; }
    if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      tokens.push({ kind: "num", value: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i)) as RegExpExecArray;
      tokens.push({ kind: "id", value: m[0] });
      i += m[0].length;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let raw = "";
      while (j < src.length && src[j] !== '"') {
        if (src[j] === "\\") { raw += src[j] + src[j + 1]; j += 2; continue; }
        if ((src[j] === "$" || src[j] === "%") && src[j + 1] === src[j] && src[j + 2] === "{") { raw += src.slice(j, j + 3); j += 3; continue; }
        if (src[j] === "$" && src[j + 1] === "{") { const end = matchingBrace(src, j + 1); raw += src.slice(j, end + 1); j = end + 1; continue; }
        raw += src[j++];
      }
      if (j >= src.length) throw new Error(`unterminated string in ${src}`);
      const unescaped = raw.replace(/\\(["\\nrt])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[c] ?? c);
      tokens.push({ kind: "str", parts: templateParts(unescaped, 0, unescaped.length) });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new Error(`unexpected ${JSON.stringify(ch)} in expression ${src}`);
    tokens.push({ kind: "op", value: op });
    i += op.length;
  }
  return tokens;
}

/** Parses one expression (the text between `${` and `}`). */
export function parseExpression(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (value: string) => tokens[pos]?.kind === "op" && (tokens[pos] as { value: string }).value === value;
  const expect = (value: string) => {
    if (!peek(value)) throw new Error(`expected "${value}" at token ${pos} in ${src}`);
    pos++;
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let left = next();
    while (ops.some(peek)) {
      const op = (tokens[pos++] as { value: string }).value;
      left = { t: "bin", op, a: left, b: next() };
    }
    return left;
  };
  const primary = (): Node => {
    const tok = tokens[pos++];
    if (!tok) throw new Error(`unexpected end of ${src}`);
    if (tok.kind === "num") return { t: "lit", v: tok.value };
    if (tok.kind === "str") return tok.parts.length === 1 && typeof tok.parts[0] === "string" ? { t: "lit", v: tok.parts[0] } : { t: "tpl", parts: tok.parts };
    if (tok.kind === "op") {
      if (tok.value === "(") { const e = expr(); expect(")"); return e; }
      if (tok.value === "{") {
        const items: [Node, Node][] = [];
        while (!peek("}")) {
          const key = primary();
          if (peek("=") || peek(":")) pos++;
          else throw new Error(`expected "=" in object literal in ${src}`);
          items.push([key.t === "ref" && key.path.length === 1 ? { t: "lit", v: key.path[0] } : key, expr()]);
          if (peek(",")) pos++;
        }
        pos++;
        return { t: "obj", items };
      }
      if (tok.value === "[") {
        const items: Node[] = [];
        while (!peek("]")) { items.push(expr()); if (peek(",")) pos++; }
        pos++;
        return { t: "list", items };
      }
      throw new Error(`unexpected "${tok.value}" in ${src}`);
    }
    if (tok.value === "true" || tok.value === "false") return { t: "lit", v: tok.value === "true" };
    if (tok.value === "null") return { t: "lit", v: null };
    let name = tok.value;
    while (peek("::")) { pos++; name += "::" + (tokens[pos++] as { value: string }).value; }
    if (peek("(")) {
      pos++;
      const args: Node[] = [];
      while (!peek(")")) { args.push(expr()); if (peek(",")) pos++; }
      pos++;
      return { t: "call", name, args };
    }
    const path = [name];
    while (peek(".") && tokens[pos + 1]?.kind === "id") { pos++; path.push((tokens[pos++] as { value: string }).value); }
    return { t: "ref", path };
  };
  const postfix = (): Node => {
    let node = primary();
    for (;;) {
      if (peek(".") && tokens[pos + 1]?.kind === "id") { pos++; node = { t: "get", of: node, key: (tokens[pos++] as { value: string }).value }; continue; }
      if (peek("[")) { pos++; const key = expr(); expect("]"); node = { t: "index", of: node, key }; continue; }
      return node;
    }
  };
  const unary = (): Node => (peek("-") || peek("!") ? { t: "un", op: (tokens[pos++] as { value: string }).value, a: unary() } : postfix());
  const mul = binary(unary, ["*", "/", "%"]);
  const add = binary(mul, ["+", "-"]);
  const cmp = binary(add, ["<=", ">=", "<", ">"]);
  const eq = binary(cmp, ["==", "!="]);
  const and = binary(eq, ["&&"]);
  const or = binary(and, ["||"]);
  function expr(): Node {
    const c = or();
    if (!peek("?")) return c;
    pos++;
    const a = expr();
    expect(":");
    return { t: "cond", c, a, b: expr() };
  }
  const tree = expr();
  if (pos !== tokens.length) throw new Error(`unexpected trailing tokens in ${src}`);
  return tree;
}

export function isUnknown(v: Value): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(isUnknown);
  if (v !== null && typeof v === "object") return Object.values(v).some(isUnknown);
  return false;
}

/** Evaluates a parsed tree. */
export function evaluate(node: Node, scope: EvalScope): Value {
  switch (node.t) {
    case "lit": return node.v;
    case "tpl": {
      const values = node.parts.map((p) => (typeof p === "string" ? p : evaluate(p, scope)));
      if (values.some(isUnknown)) return UNKNOWN;
      return values.map((v) => (typeof v === "string" ? v : stringify(v))).join("");
    }
    case "ref": return scope.resolve(node.path);
    case "get": {
      const of = evaluate(node.of, scope);
      if (of === UNKNOWN) return UNKNOWN;
      if (of === null || typeof of !== "object" || Array.isArray(of) || !(node.key in of)) throw new Error(`no attribute ${node.key}`);
      return of[node.key];
    }
    case "index": {
      const of = evaluate(node.of, scope);
      const key = evaluate(node.key, scope);
      if (of === UNKNOWN || key === UNKNOWN) return UNKNOWN;
      if (Array.isArray(of) && typeof key === "number") return of[key];
      if (of !== null && typeof of === "object" && !Array.isArray(of) && typeof key === "string") return of[key];
      throw new Error(`cannot index ${stringify(of)} with ${stringify(key)}`);
    }
    case "un": {
      const a = evaluate(node.a, scope);
      if (a === UNKNOWN) return UNKNOWN;
      return node.op === "-" ? -num(a) : !bool(a);
    }
    case "bin": return binaryOp(node.op, evaluate(node.a, scope), evaluate(node.b, scope));
    case "cond": {
      const c = evaluate(node.c, scope);
      if (c === UNKNOWN) return UNKNOWN;
      return bool(c) ? evaluate(node.a, scope) : evaluate(node.b, scope);
    }
    case "obj": {
      const out: Record<string, Value> = {};
      for (const [k, v] of node.items) {
        const key = evaluate(k, scope);
        if (typeof key !== "string") throw new Error("object keys must be strings");
        out[key] = evaluate(v, scope);
      }
      return out;
    }
    case "list": return node.items.map((n) => evaluate(n, scope));
    case "call": return callFunction(node.name, node.args.map((a) => evaluate(a, scope)), scope);
  }
}

/** Parses and evaluates a whole JSON value (strings are templates; objects and arrays recursively). */
const parsed = new Map<string, Node>();
export function evaluateJson(value: unknown, scope: EvalScope): Value {
  if (typeof value === "string") {
    let tree = parsed.get(value);
    if (!tree) {
      tree = parseTemplate(value);
      if (parsed.size > 50_000) parsed.clear();
      parsed.set(value, tree);
    }
    return evaluate(tree, scope);
  }
  if (Array.isArray(value)) return value.map((v) => evaluateJson(v, scope));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateJson(v, scope)]));
  return value as Value;
}

function binaryOp(op: string, a: Value, b: Value): Value {
  if (op === "&&" && a === false) return false;
  if (op === "||" && a === true) return true;
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  switch (op) {
    case "+": return num(a) + num(b);
    case "-": return num(a) - num(b);
    case "*": return num(a) * num(b);
    case "/": return num(a) / num(b);
    case "%": return num(a) % num(b);
    case "<": return num(a) < num(b);
    case ">": return num(a) > num(b);
    case "<=": return num(a) <= num(b);
    case ">=": return num(a) >= num(b);
    case "==": return stringify(a) === stringify(b);
    case "!=": return stringify(a) !== stringify(b);
    case "&&": return bool(a) && bool(b);
    case "||": return bool(a) || bool(b);
  }
  throw new Error(`operator ${op} is not supported`);
}

function num(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  throw new Error(`${stringify(v)} is not a number`);
}

function bool(v: Value): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  throw new Error(`${stringify(v)} is not a bool`);
}

function stringify(v: Value): string {
  if (v === UNKNOWN) return "(known after apply)";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** Seconds since the epoch → RFC 3339 (second resolution, UTC), as Terraform prints times. */
export function formatRfc3339(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** RFC 3339 → seconds since the epoch. */
export function parseRfc3339(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`${text} is not an RFC 3339 time`);
  return ms / 1000;
}

function goDurationSeconds(text: string): number {
  const parts = [...text.matchAll(/(-?[0-9.]+)(h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) throw new Error(`${text} is not a duration this analysis understands`);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * (unit === "h" ? 3600 : unit === "m" ? 60 : 1), 0);
}

function callFunction(name: string, args: Value[], scope: EvalScope): Value {
  if (name === "jsonencode" || name === "base64encode" || name === "format") {
    if (args.some(isUnknown)) return UNKNOWN;
  } else if (args.some((a) => a === UNKNOWN)) {
    return UNKNOWN;
  }
  switch (name) {
    case "plantimestamp": return formatRfc3339(scope.now);
    case "timeadd": return formatRfc3339(parseRfc3339(String(args[0])) + goDurationSeconds(String(args[1])));
    case "timecmp": return Math.sign(parseRfc3339(String(args[0])) - parseRfc3339(String(args[1])));
    case "floor": return Math.floor(num(args[0]));
    case "ceil": return Math.ceil(num(args[0]));
    case "max": return Math.max(...args.map(num));
    case "min": return Math.min(...args.map(num));
    case "tostring": return stringify(args[0]);
    case "tonumber": return num(args[0]);
    case "jsonencode": return JSON.stringify(args[0]);
    case "base64encode": return Buffer.from(String(args[0])).toString("base64");
    case "format": {
      let i = 1;
      return String(args[0]).replace(/%[ds%]/g, (spec) => (spec === "%%" ? "%" : spec === "%d" ? String(Math.trunc(num(args[i++]))) : stringify(args[i++])));
    }
    case "provider::time::rfc3339_parse": {
      const seconds = parseRfc3339(String(args[0]));
      const d = new Date(seconds * 1000);
      return { unix: seconds, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
    }
  }
  throw new Error(`function ${name}() is not supported by the rotation analysis`);
}

/** Every `type.name` (and `local.name`) traversal root in a JSON value, for dependency ordering. */
export function referencesIn(value: unknown): string[] {
  const found = new Set<string>();
  const text = JSON.stringify(value ?? "");
  for (const m of text.matchAll(/(?<![A-Za-z0-9_:."-])([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g)) found.add(`${m[1]}.${m[2]}`);
  return [...found];
}
