// The expression text constructs write themselves (lib/constructs/expressions.ts) must read exactly as what
// cdktf writes for the same value, and never let a literal become a template.
import fc from "fast-check";
import { Fn, TerraformLocal, TerraformStack, Testing } from "cdktf";
import { TerraformStack as Stack } from "cdktf";
import { Offset } from "@cdktf/provider-time/lib/offset";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { attributeOf, interpolate, literalExpression, localOf, stringLiteral } from "../../lib/constructs/expressions";
import { fnString } from "../../lib/constructs/tokens";
import { evaluate, parseTemplate } from "../../lib/analysis/terraform-expression";
import { RotatingCa } from "../../lib/constructs/rotating-ca";

// Printable text without control characters (cdktf writes a tab raw, JSON as \t: both mean the same).
const text = fc.string({ unit: fc.constantFrom(..."ab Z9-_./:*\"\\${}%é"), maxLength: 12 });
const literal: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, fc.integer({ min: -1e6, max: 1e6 }), fc.boolean(), fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.string({ unit: fc.constantFrom(..."abcXYZ:-"), minLength: 1, maxLength: 6 }), tie("value"), { maxKeys: 3 })),
})).value;

/** cdktf's rendering of Fn.jsonencode(value) with strings escaped as the constructs pass them (fnString). */
function cdktfJsonencode(values: readonly unknown[]): string[] {
  const stack = new TerraformStack(Testing.app(), "s");
  const escape = (v: unknown): unknown => (typeof v === "string" ? fnString(v) : Array.isArray(v) ? v.map(escape)
    : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escape(x)])) : v);
  const locals = values.map((v, i) => new TerraformLocal(stack, `v${i}`, Fn.jsonencode(escape(v))));
  const json = JSON.parse(Testing.synth(stack)) as { locals: Record<string, string> };
  return locals.map((l) => json.locals[l.friendlyUniqueId]);
}

describe("literalExpression", () => {
  test("reads like cdktf's own Fn.jsonencode argument for any literal value", () => {
    const values = fc.sample(literal, { numRuns: 300, seed: 13 });
    const expected = cdktfJsonencode(values);
    values.forEach((v, i) => expect([v, interpolate(`jsonencode(${literalExpression(v)})`)]).toEqual([v, expected[i]]));
  });

  test("and Terraform's jsonencode of it is JSON.stringify of the value", () => {
    fc.assert(fc.property(literal, (v) => {
      const value = evaluate(parseTemplate(interpolate(`jsonencode(${literalExpression(v)})`)), { now: 0, resolve: () => { throw new Error("no references"); } });
      expect(value).toBe(JSON.stringify(v));
    }), { numRuns: 300, seed: 7 });
  });

  test("a literal's ${ and %{ stay text; a token, a function or a class instance is left to cdktf", () => {
    expect(stringLiteral('${var.x} %{if} "q"')).toBe('"$${var.x} %%{if} \\"q\\""');
    const stack = new Stack(Testing.app(), "s");
    const local = new TerraformLocal(stack, "l", 1);
    expect(literalExpression({ a: local.asString })).toBeUndefined();
    expect(literalExpression([1, () => 2])).toBeUndefined();
    expect(literalExpression(new Date(0))).toBeUndefined();
    expect(literalExpression(Number.NaN)).toBeUndefined();
  });
});

test("attributeOf and localOf read like cdktf's references to the same resource and local", () => {
  const stack = new Stack(Testing.app(), "s");
  const offset = new Offset(stack, "expiry", { provider: new TimeProvider(stack, "time"), baseRfc3339: "2026-01-01T00:00:00Z", offsetDays: 1 });
  const local = new TerraformLocal(stack, "generation", 3);
  new TerraformLocal(stack, "theirs", `${offset.rfc3339}|${local.asString}`);
  new TerraformLocal(stack, "ours", `${interpolate(attributeOf(offset, "rfc3339"))}|${interpolate(localOf(local))}`);
  const json = JSON.parse(Testing.synth(stack)) as { locals: Record<string, string> };
  expect(json.locals.ours).toBe(json.locals.theirs);
});

test("RotatingCa.currentFor: text like the tokens in the CA's stack, the tokens in another stack", () => {
  const app = Testing.app();
  const stack = new Stack(app, "s");
  const ca = new RotatingCa(stack, "ca", { name: "orders" });
  const same = ca.currentFor(stack);
  new TerraformLocal(stack, "theirs", [ca.currentCaCertPem, ca.currentCaPrivateKeyPem]);
  new TerraformLocal(stack, "ours", [same.certPem, same.privateKeyPem]);
  const json = JSON.parse(Testing.synth(stack)) as { locals: Record<string, string[]> };
  expect(json.locals.ours).toEqual(json.locals.theirs);
  expect(json.locals.ours[0]).toMatch(/^\$\{\(\(local\.ca_generation_[0-9A-F]+ % 2\) == 1\) \? tls_self_signed_cert\.ca_cert-b_[0-9A-F]+\.cert_pem : tls_self_signed_cert\.ca_cert-a_/);
  expect(ca.currentFor(new Stack(app, "workers"))).toEqual({ certPem: ca.currentCaCertPem, privateKeyPem: ca.currentCaPrivateKeyPem });
});
