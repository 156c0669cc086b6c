// How user values cross into Terraform JSON. A literal string is text, never an expression: its `${` and
// `%{` are escaped. A token (a variable, a reference, an Fn call) passes through as the expression it is.
// cdktf encodes a string token as `${TfToken[NAME.n]}` inside the string; everything else is literal.
import { Token } from "cdktf";

const TOKEN_MARKER = /\$\{TfToken\[[A-Za-z0-9:._-]+\]\}/g;

/** True when `value` is (or contains) an unresolved token: its real value is only known to Terraform. */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** `value` when it is a plain value, undefined when it is a token: literal-only checks run on the result. */
export function literalOrUndefined<T>(value: T): T | undefined {
  return Token.isUnresolved(value) ? undefined : value;
}

/** Applies `escape` to the literal parts of `value`, leaving encoded tokens untouched. */
function mapLiterals(value: string, escape: (literal: string, beforeToken: boolean) => string): string {
  const out: string[] = [];
  let last = 0;
  for (const match of value.matchAll(TOKEN_MARKER)) {
    out.push(escape(value.slice(last, match.index), true), match[0]);
    last = (match.index ?? 0) + match[0].length;
  }
  out.push(escape(value.slice(last), false));
  return out.join("");
}

function escapeTemplate(literal: string, beforeToken: boolean): string {
  const escaped = literal.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
  // "$" right before an interpolation would turn it into the `$${` escape; spell it as an expression.
  return beforeToken && escaped.endsWith("$") ? `${escaped.slice(0, -1)}\${"$"}` : escaped;
}

/**
 * A string for a resource attribute: literal text is escaped for Terraform (`${` → `$${`, `%{` → `%%{`),
 * tokens inside it stay references.
 */
export function tfString(value: string): string;
export function tfString(value: string | undefined): string | undefined;
export function tfString(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return mapLiterals(value, escapeTemplate);
}

/** tfString over a list (undefined stays undefined; a list token passes through). */
export function tfStrings(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  if (Token.isUnresolved(values)) return values as string[];
  return values.map((v) => tfString(v));
}

/** tfString over the keys and values of a map (tags, labels). */
export function tfStringMap(values: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (values === undefined) return undefined;
  if (Token.isUnresolved(values)) return values as Record<string, string>;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [tfString(k), tfString(v)]));
}

/**
 * A string placed inside an Fn argument (e.g. a policy in `Fn.jsonencode`). cdktf writes it as an HCL string
 * literal and escapes `${` and newlines itself, but not quotes, backslashes or `%{`; this does the rest.
 */
export function fnString(value: string): string {
  return mapLiterals(value, (literal) => literal.replace(/[\\"]/g, (c) => `\\${c}`).replace(/%\{/g, () => "%%{"));
}

/** Whether the prop a problem names (`codecServer.endpoint`, `s3.temporalPrincipal.principalArns[0]`) is a token. */
export function tokenAt(props: object, problemPath: string): boolean {
  let value: unknown = props;
  for (const part of problemPath.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "")) {
    if (isToken(value) || value === undefined || value === null || typeof value !== "object") break;
    value = (value as Record<string, unknown>)[part];
  }
  return isToken(value);
}

/** The problems of a literal-only check, minus those about token props (their values are Terraform's to know). */
export function onLiterals<P extends readonly [string, string]>(props: object, problems: readonly P[]): P[] {
  return problems.filter(([path]) => !tokenAt(props, path));
}

/**
 * Problems for number props that must be known at synth time (they set a schedule or a count the construct
 * computes), one per prop given as a token.
 */
export function literalNumbers(props: object, names: readonly string[], why: string): Array<[string, string]> {
  return names
    .filter((name) => isToken((props as Record<string, unknown>)[name]))
    .map((name) => [name, `is a token; give the number itself: ${why}`]);
}
