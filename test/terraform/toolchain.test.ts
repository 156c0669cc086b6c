// The toolchain builds exactly the providers the synthesized stacks pin, at the versions the prebuilt
// @cdktf/provider-* packages were generated for.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROVIDERS } from "../../scripts/toolchain";
import { readConfigDocument } from "../../lib/config/load";
import { EXAMPLES_DIR, REPO_ROOT, synthStacks } from "../helpers";

const examples = fs.readdirSync(EXAMPLES_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const spec = (name: string) => PROVIDERS.find((p) => p.name === name);

describe("provider toolchain", () => {
  const pins = new Map<string, { source: string; version: string }>();
  for (const file of examples) {
    for (const json of Object.values(synthStacks(readConfigDocument(path.join(EXAMPLES_DIR, file)), EXAMPLES_DIR)))
    for (const [name, p] of Object.entries((json.terraform?.required_providers ?? {}) as Record<string, { source: string; version: string }>)) pins.set(name, p);
  }

  test("every provider an example pins has a toolchain entry with the same source and version", () => {
    expect([...pins.keys()].sort()).toEqual(["aws", "google", "temporalcloud", "time", "tls"]);
    for (const [name, pin] of pins) {
      const s = spec(name);
      expect({ name, pinned: s?.pinned, source: s?.source.replace(/^registry\.terraform\.io\/(hashicorp\/)?/, "") }).toEqual({ name, pinned: pin.version, source: pin.source.replace(/^hashicorp\//, "") });
      expect(s?.candidates.length).toBeGreaterThan(0);
    }
  });

  test.each(["aws", "google", "tls", "time"])("@cdktf/provider-%s was generated for the pinned version", (name) => {
    const metaFile = path.join(REPO_ROOT, "node_modules", "@cdktf", `provider-${name}`, "lib", "provider", "index.js");
    const generatedFor = /providerVersion: ['"]([\d.]+)['"]/.exec(fs.readFileSync(metaFile, "utf8"))?.[1];
    expect(generatedFor).toBe(spec(name)?.pinned);
  });

  test("temporalcloud tries the pinned 1.5.0 before any fallback", () => {
    expect(spec("temporalcloud")?.candidates[0]).toMatchObject({ version: "1.5.0", goVersion: "v1.5.0" });
  });
});
