import * as fs from "node:fs";
import * as path from "node:path";
import { renderRuleTable, withRuleTable } from "../../lib/policy/docs";
import { RULES } from "../../lib/policy/rules";
import { REPO_ROOT } from "../helpers";

const doc = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("README rule table", () => {
  it("holds the rule table generated from the registry (run scripts/gen-compliance-docs.ts)", () => {
    expect(withRuleTable(doc)).toBe(doc);
  });

  it("lists every rule with its control and severity", () => {
    const table = renderRuleTable();
    for (const rule of RULES) expect(table).toContain(`| \`${rule.id}\` | ${rule.control.replace(/\|/g, "\\|")} | ${rule.severity} |`);
  });

  it("every rule lives in its own file named after its id", () => {
    const dir = path.join(REPO_ROOT, "lib", "policy", "rules");
    for (const rule of RULES) {
      const file = path.join(dir, `${rule.id.toLowerCase()}.ts`);
      expect(fs.readFileSync(file, "utf8")).toContain(`id: "${rule.id}"`);
    }
  });
});
