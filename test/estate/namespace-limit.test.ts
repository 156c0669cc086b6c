// More namespaces than Temporal Cloud's default account limit: synthesized, with a warning naming the limit.
import { estateConfigOf } from "../../lib/config/estate-config";
import { Testing } from "cdktf";
import { TemporalCloudStack } from "../../lib/entries/estate";
import { collectWarnings } from "../../lib/cli/warnings";
import { DEFAULT_NAMESPACES_PER_ACCOUNT } from "../../lib/domain/limits";
import { resolve } from "../helpers";

function estateOf(count: number) {
  const namespaces = Array.from({ length: count }, (_, i) => ({ name: `team-${i}-dev`, environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } }));
  const stack = new TemporalCloudStack(Testing.app(), "estate", { config: estateConfigOf(resolve({ namespaces })) });
  Testing.synth(stack);
  return collectWarnings(stack).filter((w) => w.includes("namespaces:"));
}

describe("namespaces per account", () => {
  test("at the default limit: no warning", () => {
    expect(estateOf(DEFAULT_NAMESPACES_PER_ACCOUNT)).toEqual([]);
  });

  test("one above it: a warning with the count and the limit", () => {
    const warnings = estateOf(DEFAULT_NAMESPACES_PER_ACCOUNT + 1);
    expect(warnings).toEqual([expect.stringContaining(`namespaces: lists ${DEFAULT_NAMESPACES_PER_ACCOUNT + 1} namespaces; a Temporal Cloud account starts with a limit of ${DEFAULT_NAMESPACES_PER_ACCOUNT}`)]);
    expect(warnings[0]).toContain("ask support before applying");
  });
});
