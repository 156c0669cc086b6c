// The reconstructed 1.5.0 schema (what the stacks pin and the bindings are generated from) against the
// schema dumped from the provider the toolchain really builds: every difference must be a listed
// 1.4/1.5 addition, so neither the reconstruction nor the gap list can rot unnoticed.
import * as fs from "node:fs";
import * as path from "node:path";
import { addedRoots, gapKey, providerGaps, readSchema, schemaPaths } from "../terraform/provider-gaps";
import { REPO_ROOT } from "../helpers";

const { builtVersion, gaps } = providerGaps();
const pinned = schemaPaths(readSchema("provider-schema.json"));
const dumped = schemaPaths(readSchema(`provider-schema.dumped-${builtVersion}.json`));

describe(`temporalcloud 1.5.0 schema vs the dumped ${builtVersion} build`, () => {
  test("the dump is of the version the gap list names", () => {
    const doc = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "schemas", "temporalcloud", `provider-schema.dumped-${builtVersion}.json`), "utf8"));
    expect(Object.values(doc.provider_versions)).toEqual([builtVersion]);
  });

  test.each(gaps.map((g) => [gapKey(g), g] as const))("%s is in 1.5.0 and missing from the build", (key, gap) => {
    expect(pinned.has(key)).toBe(true);
    expect(dumped.has(key)).toBe(false);
    expect(["1.4.0", "1.5.0"]).toContain(gap.since);
  });

  test("everything 1.5.0 adds over the build is listed, and nothing else", () => {
    const added = addedRoots(pinned, dumped);
    expect(added).toEqual(gaps.map(gapKey).sort());
  });

  test("the build has nothing the 1.5.0 schema lacks", () => {
    expect([...dumped.keys()].filter((p) => !pinned.has(p))).toEqual([]);
  });

  test("every shared attribute agrees on type and required/optional/computed/sensitive", () => {
    const disagree = [...dumped].filter(([p, sig]) => pinned.has(p) && pinned.get(p) !== sig).map(([p, sig]) => `${p}: dumped ${sig}, committed ${pinned.get(p)}`);
    expect(disagree).toEqual([]);
  });
});
