import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { EXAMPLES_DIR, tempDir } from "../helpers";

const examples = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".yaml"));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function writeConfig(text: string): string {
  const file = path.join(tempDir(), "estate.yaml");
  fs.writeFileSync(file, text);
  return file;
}

const NON_COMPLIANT = [
  "name: bad-estate",
  "namespaces:",
  "  - name: orders-prod",
  "    environment: production",
  "    regions: [aws-us-east-1]",
  "    auth: { apiKey: true }",
].join("\n");

describe("synth with compliance", () => {
  it.each(examples)("%s: prints the compliance summary after the estate summary and writes the reports", async (file) => {
    const out = tempDir();
    const result = await run(["synth", "--config", path.join(EXAMPLES_DIR, file), "--out", out]);
    expect(result.code).toBe(0);
    expect(result.out.indexOf("## Compliance")).toBeGreaterThan(result.out.indexOf("## Temporal Cloud estate"));
    expect(result.out).toMatch(/## Compliance `[a-z-]+`: passed/);
    expect(fs.readdirSync(path.join(out, "compliance")).sort()).toEqual(["junit.xml", "report.json", "report.sarif", "summary.md"]);
    // One stack, or every stack of a split example (listed in the summary in apply order).
    const stacks = fs.readdirSync(path.join(out, "stacks"));
    expect(stacks).toHaveLength(file === "split-estate.yaml" ? 4 : 1);
    if (stacks.length > 1) for (const s of stacks) expect(result.out).toContain(`| ${s} |`);
  });

  it("a non-compliant config fails synth with readable findings; only the reports are written", async () => {
    const out = tempDir();
    const result = await run(["synth", "--config", writeConfig(NON_COMPLIANT), "--out", out]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("FAILED");
    expect(result.out).toMatch(/\| error \| TC-NET-001 \| temporalcloud_namespace\.ns-orders-prod_namespace_[0-9A-F]+ \(connectivity_rule_ids\) \| production namespace has no connectivity rules, so it is reachable publicly \| Attach only private/);
    expect(result.err).toContain("the stack was not written");
    expect(fs.readdirSync(out)).toEqual(["compliance"]);
    const json = JSON.parse(fs.readFileSync(path.join(out, "compliance", "report.json"), "utf8"));
    expect(json.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(["TC-NET-001", "TC-AUD-001"]));
  });

  it("an invalid config writes nothing", async () => {
    const out = path.join(tempDir(), "out");
    const result = await run(["synth", "--config", writeConfig("namespaces: []\nsuppressions: [{ rule: TC-NET-001 }]"), "--out", out]);
    expect(result.code).toBe(1);
    expect(result.err).toContain("suppressions[0].reason");
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("temporal-cloud-guardrails check", () => {
  it("passes a compliant example and validates what it wrote", async () => {
    const result = await run(["check", "--config", path.join(EXAMPLES_DIR, "development-estate.yaml"), "--out", tempDir()]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("Provider schema: 1 stack file(s), 0 problem(s)");
    expect(result.out).toContain("check passed");
  });

  it("exits non-zero on compliance errors", async () => {
    const result = await run(["check", "--config", writeConfig(NON_COMPLIANT), "--out", tempDir()]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("check FAILED");
  });

  it("is listed in the command usage together with validate", async () => {
    const result = await run(["--help"]);
    expect(result.out).toMatch(/check\s+CI gate/);
    expect(result.out).toMatch(/validate\s+Check synthesized Terraform JSON/);
  });
});
