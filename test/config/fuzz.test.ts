// Property test over the examples: mutate a valid config (delete keys, swap in hostile values, rename keys,
// duplicate list entries) and the answer must be a valid config or clear config problems — never an
// exception. A sample of the configs that stay valid is synthesized too.
import { estateConfigOf } from "../../lib/config/estate-config";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
import { safeParseConfig } from "../../lib/config/parse";
import { TemporalCloudStack } from "../../lib/estate/temporal-cloud-stack";
import { EXAMPLES_DIR } from "../helpers";

const EXAMPLES = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".yaml")).sort()
  .map((f) => parseYaml(fs.readFileSync(path.join(EXAMPLES_DIR, f), "utf8")) as unknown);

type Container = Record<string, unknown> | unknown[];
interface Slot { parent: Container; key: string | number }

/** Every key and list index in a document (the places a mutation can hit). */
function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown) => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) {
      out.push({ parent: value as Container, key });
      walk(child);
    }
  };
  walk(root);
  return out;
}

const deep = (levels: number) => { let v: unknown = "leaf"; for (let i = 0; i < levels; i++) v = [v]; return v; };
const hostile = fc.oneof(
  fc.constantFrom(null, "", 0, -1, 1.5, Number.POSITIVE_INFINITY, Number.NaN, true, false, [], {}, "${file(\"/etc/passwd\")}", "%{ if true }x%{ endif }", "aws-us-east-1", "production", "x".repeat(100_000)),
  fc.constantFrom(deep(80), deep(10), { a: { b: { c: [1, [2, [3]]] } } }, "  spaced  ", "UPPER", "ünïcödé-名前", "../../../../etc/passwd", "certs", "."),
  fc.jsonValue({ maxDepth: 2 }),
);

const edit = fc.record({ target: fc.nat(), op: fc.nat({ max: 4 }), value: hostile });
const mutation = fc.record({ example: fc.nat({ max: EXAMPLES.length - 1 }), edits: fc.array(edit, { minLength: 1, maxLength: 3 }) });

function mutate(m: { example: number; edits: { target: number; op: number; value: unknown }[] }): unknown {
  const doc = structuredClone(EXAMPLES[m.example]);
  for (const e of m.edits) {
    const all = slots(doc);
    if (all.length === 0) break;
    const { parent, key } = all[e.target % all.length];
    const bag = parent as Record<string | number, unknown>;
    switch (e.op) {
      case 0: // delete the key (or the list entry)
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete bag[key];
        break;
      case 1: // replace the value
        bag[key] = e.value;
        break;
      case 2: // a misspelled key
        if (!Array.isArray(parent)) { bag[`${String(key)}x`] = bag[key]; delete bag[key]; }
        break;
      case 3: // a duplicated list entry or a value moved from elsewhere
        if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
        else bag[key] = structuredClone(all[(e.target * 7 + 3) % all.length].parent);
        break;
      default: // a value that refers to itself
        if (bag[key] !== null && typeof bag[key] === "object") (bag[key] as Record<string, unknown>).self = bag[key];
    }
  }
  return doc;
}

/** Why an issue is not a clear config problem, or undefined when it is one. */
function unclearIssue(issue: { path: unknown; message: unknown }): string | undefined {
  if (typeof issue.path !== "string") return "path is not a string";
  if (typeof issue.message !== "string" || !/\S/.test(issue.message)) return "empty message";
  if (issue.message.length >= 2100) return "message not capped";
  if (/\[object Object\]|^undefined |^nothing is /.test(issue.message)) return "message shows an unrendered value";
  return undefined;
}

describe("fuzzed examples", () => {
  it("give a valid config or clear problems, never an exception (2,000 mutations)", () => {
    const valid: unknown[] = [];
    let rejected = 0;
    fc.assert(fc.property(mutation, (m) => {
      const doc = mutate(m);
      const result = safeParseConfig(doc, { baseDir: EXAMPLES_DIR });
      if (result.ok) {
        valid.push(doc);
        return;
      }
      rejected++;
      // Plain checks, no jest matcher per case (a matcher call costs about as much as a parse); fast-check
      // reports the thrown error with the seed and the shrunk counterexample.
      if (result.issues.length === 0) throw new Error("rejected without an issue");
      const unclear = result.issues.map((issue) => [unclearIssue(issue), issue] as const).filter(([why]) => why !== undefined);
      if (unclear.length > 0) throw new Error(`unclear issues: ${JSON.stringify(unclear).slice(0, 2000)}`);
    }), { seed: 1616, numRuns: 2000 });
    // The mutations must exercise both outcomes, or the property proves little.
    expect(rejected).toBeGreaterThan(1000);
    expect(valid.length).toBeGreaterThan(20);
    // Synthesize a sample of the configs that stayed valid: the config layer's yes must hold in synth.
    const step = Math.max(1, Math.floor(valid.length / 4));
    for (const doc of valid.filter((_, i) => i % step === 0).slice(0, 4)) {
      const config = safeParseConfig(doc, { baseDir: EXAMPLES_DIR });
      if (!config.ok) throw new Error("re-parse of a valid config failed");
      const app = Testing.app();
      const stack = new TemporalCloudStack(app, "fuzz", { config: estateConfigOf(config.config) });
      expect(JSON.parse(Testing.synth(stack))).toHaveProperty("resource");
    }
  });
});
