// The TypeScript snippets of README.md and docs/**/*.md, for test/package/pack.test.ts, which type-checks
// them in one program against the installed package and runs each with the compliance policy watching.
// A snippet that is deliberately not a program says so on the line before its fence:
//   <!-- snippet: partial: <why> -->
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../helpers";

export interface Snippet {
  /** e.g. `docs/identity.md:226` (the fence line). */
  readonly where: string;
  /** File name for the snippet in the consumer app, unique and derived from `where`. */
  readonly fileName: string;
  /** 1-based line of the fence in the markdown file; snippet line n is markdown line `fenceLine + n`. */
  readonly fenceLine: number;
  readonly code: string;
  /** The reason, for a snippet marked partial. */
  readonly partial?: string;
}

const PARTIAL = /^<!--\s*snippet:\s*partial:\s*(.*?)\s*-->$/;

export function markdownFiles(): string[] {
  const docs = fs.readdirSync(path.join(REPO_ROOT, "docs"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f));
  return ["README.md", ...docs.sort()];
}

export function snippetsOf(relFile: string, text: string): Snippet[] {
  const lines = text.split("\n");
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${relFile}:${i + 1}: unterminated code fence`);
    const before = lines.slice(0, i).reverse().find((l) => l.trim() !== "");
    const where = `${relFile}:${i + 1}`;
    out.push({
      where,
      fileName: `snippet-${where.replace(/[^A-Za-z0-9]+/g, "-")}.ts`,
      fenceLine: i + 1,
      code: lines.slice(i + 1, end).join("\n"),
      partial: before ? PARTIAL.exec(before.trim())?.[1] : undefined,
    });
    i = end;
  }
  return out;
}

export function allSnippets(): Snippet[] {
  return markdownFiles().flatMap((f) => snippetsOf(f, fs.readFileSync(path.join(REPO_ROOT, f), "utf8")));
}

/** `snippet-…ts(3,5): error …` from tsc, pointed at the markdown line. */
export function mapDiagnostics(output: string, snippets: readonly Snippet[]): string {
  return output.replace(/^(snippet-[A-Za-z0-9-]+\.ts)\((\d+),(\d+)\)/gm, (whole, file: string, line: string, col: string) => {
    const s = snippets.find((x) => x.fileName === file);
    return s ? `${s.where.split(":")[0]}:${s.fenceLine + Number(line)}:${col}` : whole;
  });
}

/**
 * Node script run in the consumer app: for each compiled snippet, App.synth also runs a watching
 * CompliancePolicy (failOnError off, so the snippet's own policy decides whether synth fails) and records
 * its error findings; prints one JSON line of results.
 */
export const RUNNER = `
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const cdktf = require("cdktf");
const { CompliancePolicy } = require("temporal-cloud-guardrails");
const synth = cdktf.App.prototype.synth;
let current;
cdktf.App.prototype.synth = function () {
  const watch = new CompliancePolicy({ failOnError: false, annotateWarnings: false });
  const stacks = this.node.findAll().filter((c) => c instanceof cdktf.TerraformStack);
  for (const c of stacks) cdktf.Aspects.of(c).add(watch);
  current.synths++;
  try {
    return synth.call(this);
  } finally {
    current.stacks += stacks.filter((c) => watch.reportFor(c.node.id)).length;
    for (const report of watch.reports) {
      for (const f of report.findings) if (f.severity === "error") current.errors.push((f.stack ?? report.stackName) + ": [" + f.ruleId + "] " + f.address + ": " + f.message);
    }
  }
};
const results = [];
const cwd = process.cwd();
for (const file of process.argv.slice(2)) {
  current = { file, synths: 0, stacks: 0, errors: [] };
  process.env.CDKTF_OUTDIR = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-snippet-"));
  try {
    require(path.join(cwd, file));
  } catch (e) {
    current.errors.push("threw: " + (e && e.message ? e.message : String(e)));
  }
  results.push(current);
}
console.log(JSON.stringify(results));
`;
