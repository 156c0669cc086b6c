// Terraform expressions that constructs create many times per estate (rotation slots, secret payloads, read
// policies), written as finished text instead of cdktf token trees. cdktf records a full stack trace for
// every token it creates and resolves every token tree on each of its passes (the preparing resolve, the
// resolve into JSON); at 100 namespaces those trees were most of the library's synth time (bench/). The text
// is what cdktf would have written. Use it only for references to the construct's own resources (same stack,
// so cdktf's reference would read the same) and for literal values; anything that may be a token goes
// through cdktf.
import { Token, type TerraformLocal, type TerraformResource } from "cdktf";

/** `type.logicalId.attribute`: the resource attribute as cdktf's own reference writes it inside an expression. */
export function attributeOf(resource: TerraformResource, attribute: string): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}.${attribute}`;
}

/** `local.logicalId`: the local as cdktf's own reference writes it inside an expression. */
export function localOf(local: TerraformLocal): string {
  return `local.${local.friendlyUniqueId}`;
}

/** An attribute value that is the whole expression: `${expression}`. */
export function interpolate(expression: string): string {
  return `\${${expression}}`;
}

/** A Terraform string literal: JSON escapes, and `${` / `%{` escaped so the text is never a template. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/**
 * A literal value (strings, numbers, booleans, arrays, objects) as Terraform expression text, the way
 * cdktf writes an Fn argument (`{"Key" = "value", "List" = ["a", "b"]}`); undefined when it holds a token
 * or anything else, so the caller falls back to cdktf.
 */
export function literalExpression(value: unknown): string | undefined {
  if (Token.isUnresolved(value)) return undefined;
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const items = value.map(literalExpression);
    return items.every((i) => i !== undefined) ? `[${items.join(", ")}]` : undefined;
  }
  const proto = value && typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [Token.isUnresolved(k) ? undefined : stringLiteral(k), literalExpression(v)]);
    return entries.every(([k, v]) => k !== undefined && v !== undefined) ? `{${entries.map(([k, v]) => `${k} = ${v}`).join(", ")}}` : undefined;
  }
  return undefined;
}
