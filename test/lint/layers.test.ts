// Imports run one way: domain ← config / constructs ← estate ← cli, and analysis ← policy / review.
// This reads every import in lib/ and fails on an arrow from a lower layer to a higher one (or between
// siblings that must not know each other).
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../helpers";

const LIB = path.join(REPO_ROOT, "lib");

/** What each layer (first folder under lib/, or a root file) may import besides itself. */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  "domain": [],
  "package-root": [],
  "providers": [],
  "config": ["domain"],
  "constructs": ["domain", "providers"],
  "analysis": ["domain", "package-root"],
  "policy": ["domain", "analysis", "package-root"],
  "review": ["domain", "analysis"],
  "mtls": ["domain", "analysis"],
  // The Cloud Operations API emulator: its own layer, loaded only by the CLI's emulator command.
  "emulator": ["domain"],
  "estate": ["domain", "config", "constructs", "providers", "analysis", "policy", "review", "mtls"],
  "cli": ["domain", "config", "constructs", "providers", "analysis", "policy", "review", "mtls", "estate", "emulator", "package-root"],
  // The package root re-exports the public API of every layer.
  "index": ["domain", "config", "constructs", "providers", "analysis", "policy", "review", "mtls", "estate", "cli", "package-root"],
  // The subpath entries (`/aws`, `/gcp`, `/estate`) re-export constructs and the estate; the jsii entry
  // (entries/jsii.ts) re-exports the whole jsii-shaped API, as the package root does for TypeScript. Both
  // carry the config the estate props take (EstateConfig and its options).
  "entries": ["domain", "config", "constructs", "providers", "policy", "estate"],
};

const SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'`]([^"'`]+)["'`]/gm;

/** The layer of a path relative to lib/ ("config/checks/ha.ts" → "config", "index.ts" → "index"). */
export function layerOf(relative: string): string {
  const parts = relative.split(/[\\/]/);
  return parts.length === 1 ? parts[0].replace(/\.(ts|json)$/, "") : parts[0];
}

/** Layer-breaking imports in one source file at `relative` (to lib/), as "from → to (specifier)". */
export function violations(relative: string, source: string): string[] {
  const from = layerOf(relative);
  const allowed = ALLOWED[from];
  if (!allowed) return [`${relative}: layer "${from}" is not in the layer table; add it to test/lint/layers.test.ts`];
  const out: string[] = [];
  for (const [, spec] of source.matchAll(SPECIFIERS)) {
    if (!spec.startsWith(".")) continue;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(relative.replace(/\\/g, "/")), spec));
    if (target.startsWith("..")) {
      out.push(`${relative}: imports ${spec}, outside lib/`);
      continue;
    }
    const to = layerOf(target);
    if (to !== from && !allowed.includes(to)) out.push(`${relative}: ${from} → ${to} (${spec})`);
  }
  return out;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("layers", () => {
  test("the checker flags an arrow upwards and accepts one downwards", () => {
    expect(violations("config/checks/mtls.ts", `import { RotatingCa } from "../../constructs/rotating-ca";`)).toEqual([
      "config/checks/mtls.ts: config → constructs (../../constructs/rotating-ca)",
    ]);
    expect(violations("domain/regions.ts", `import { x } from "../config/resolve";`)).toEqual(["domain/regions.ts: domain → config (../config/resolve)"]);
    expect(violations("estate/features/ha.ts", `import type { HaMode } from "../../domain/replication";\nimport { Construct } from "constructs";`)).toEqual([]);
    expect(violations("index.ts", `export * from "../stacks/synth";`)).toEqual(["index.ts: imports ../stacks/synth, outside lib/"]);
    expect(violations("policy/model.ts", `import { planConnectivity } from "../config/connectivity-plan";`)).toHaveLength(1);
  });

  test("no file in lib/ imports from a higher layer", () => {
    const files = tsFiles(LIB);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => violations(path.relative(LIB, file), fs.readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });

  test("every folder of lib/ has a place in the table", () => {
    const folders = fs.readdirSync(LIB, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !(f in ALLOWED))).toEqual([]);
  });
});
