// Regenerates the rule table in README.md from the rule registry: npx tsx scripts/gen-compliance-docs.ts
import * as fs from "node:fs";
import * as path from "node:path";
import { withRuleTable } from "../lib/policy/docs";

const file = path.join(__dirname, "..", "README.md");
fs.writeFileSync(file, withRuleTable(fs.readFileSync(file, "utf8")));
console.log(`updated ${path.relative(process.cwd(), file)}`);
