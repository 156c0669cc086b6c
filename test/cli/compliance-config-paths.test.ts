// Compliance errors that block synth are listed by the config path that decides them, and the estate
// summary does not point at a stack file that was never written.
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { configPathOf } from "../../lib/cli/finding-config-path";
import { Severity, type Finding } from "../../lib/policy/types";
import { tempDir } from "../helpers";

async function synth(yaml: string) {
  const dir = tempDir();
  const file = path.join(dir, "estate.yaml");
  fs.writeFileSync(file, yaml);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["synth", "--config", file, "--out", path.join(dir, "out")], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n"), outDir: path.join(dir, "out") };
}

const BLOCKED = [
  "namespaces:",
  "  - { name: orders-dev, environment: development, regions: [aws-us-east-1], auth: { apiKey: true } }",
  "  - name: orders-prod",
  "    environment: production",
  "    regions: [aws-us-east-1]",
  "    auth: { apiKey: true }",
].join("\n");

describe("blocked synth", () => {
  it("names the config path of each compliance error and no unwritten stack file", async () => {
    const result = await synth(BLOCKED);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^ {2}namespaces\[1\]\.connectivity \(orders-prod\): TC-NET-001 production namespace has no connectivity rules.*; fix: Attach only private.* \[temporalcloud_namespace\.ns-orders-prod_namespace_[0-9A-F]+ connectivity_rule_ids\]$/m);
    expect(result.out).toMatch(/resources → not written \(compliance errors\)/);
    expect(result.out).not.toMatch(/→ .*cdk\.tf\.json/);
    expect(fs.existsSync(path.join(result.outDir, "stacks"))).toBe(false);
  });
});

describe("configPathOf", () => {
  const finding = (over: Partial<Finding>): Finding => ({ ruleId: "TC-X-001", severity: Severity.ERROR, title: "", control: "", fix: "", message: "", address: "a.b", namespaces: [], ...over });
  const namespaces = [{ name: "a", index: 0 }, { name: "b", index: 3 }];

  it.each([
    [{ namespaces: ["b"], attribute: "namespace_lifecycle.enable_delete_protection" }, "namespaces[3].deleteProtection"],
    [{ namespaces: ["b"], attribute: "retention_days" }, "namespaces[3].retentionDays"],
    [{ namespaces: ["a"], attribute: "something_else" }, "namespaces[0]"],
    [{ namespaces: ["a"] }, "namespaces[0]"],
    [{ namespaces: [] }, undefined],
    [{ namespaces: ["not-in-config"] }, undefined],
  ])("%j → %s", (over, expected) => {
    expect(configPathOf(finding(over), namespaces)).toBe(expected);
  });
});
