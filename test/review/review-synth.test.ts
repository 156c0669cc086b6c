// The review command on real synthesized estates: the stack's environment marker decides production-ness.
import * as path from "node:path";
import { synthesizeEstate } from "../../lib/estate/synth";
import { reviewDirectories } from "../../lib/review";
import { resolve, tempDir } from "../helpers";

function synth(namespaces: Array<Record<string, unknown>>): string {
  const outdir = path.join(tempDir("tcg-review-synth-"), "cdktf.out");
  synthesizeEstate({ config: resolve({ name: "estate", account: { id: "a1b2c" }, namespaces }), outdir });
  return outdir;
}

// Private endpoints would move with the region too; this test is about the namespace itself.
const prod = (regions: string[]) => ({
  name: "payments-prod", environment: "production", regions, auth: { apiKey: true },
  suppressions: [{ rule: "TC-NET-001", reason: "networking is out of scope for this region-move test" }],
});
const staging = (regions: string[]) => ({ name: "payments-staging", environment: "staging", regions, auth: { apiKey: true } });

test("moving a synthesized production namespace to another region blocks; a staging one does not", () => {
  const base = synth([prod(["aws-us-east-1"]), staging(["aws-us-east-1"])]);
  const head = synth([prod(["aws-us-west-2"]), staging(["aws-us-west-2"])]);
  const result = reviewDirectories(base, head);
  const byNamespace = Object.fromEntries(result.findings.map((f) => [f.namespace, f]));
  expect(byNamespace["payments-prod"]).toMatchObject({ kind: "forced-replacement", production: true, blocking: true });
  expect(byNamespace["payments-staging"]).toMatchObject({ kind: "forced-replacement", production: false, blocking: false });
  expect(result.exitCode).toBe(1);
});
