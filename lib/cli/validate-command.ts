import * as path from "node:path";
import * as fs from "node:fs";
import { UsageError, type Command } from "./command";
import { parseFlags } from "./args";
import { formatProblem, validateTargets } from "../policy/schema-validation/validate";
import { canonicalDocument } from "../policy/schema-validation/hcl-json";
import type { StackJson } from "../analysis/model";
import { modelOfStacks } from "../analysis/app-model";
import { appName } from "../policy/aspect";
import { evaluate } from "../policy/engine";
import { renderMarkdown } from "../policy/reports/markdown";

export const validateCommand: Command = {
  summary: "Check synthesized Terraform JSON against the temporalcloud provider schema, offline",
  help: [
    "Usage: temporal-cloud-guardrails validate [DIR|FILE ...] [--rules]",
    "",
    "Validates every temporalcloud_* resource and data source of every stack in each cdktf output directory",
    "(DIR/stacks/*/cdk.tf.json, default cdktf.out), folder of *.tf.json files, or file, against the committed",
    "provider schema and the provider's validators: attribute names, types, required attributes, nested shapes,",
    "allowed values, patterns, sizes, conflicts, and the checks the provider runs at plan or apply that the",
    "configuration alone decides (authentication, private connectivity rules, service-account access, region",
    "catalogue, capacity). References (${...}) are unknown until apply and skipped. A file that is not valid",
    "JSON is reported and the other files are still validated. Works on any CDKTF or hand-written Terraform JSON.",
    "",
    "Options:",
    "  --rules   Also run the compliance rules on the JSON (environment from tags or name suffixes)",
    "  --help    Show this help",
  ].join("\n"),
  run(args, io) {
    const flags = parseFlags(args, { rules: { type: "boolean" } }, true);
    const targets = flags.positionals.length > 0 ? flags.positionals : ["cdktf.out"];
    const missing = targets.filter((t) => !fs.existsSync(t));
    if (missing.length > 0) throw new UsageError(`${missing.join(", ")} ${missing.length === 1 ? "does" : "do"} not exist; run synth first or pass cdktf output directories or .tf.json files`);
    const { files, problems } = validateTargets(targets);
    if (files.length === 0) throw new UsageError(`no cdk.tf.json or *.tf.json found in ${targets.join(", ")}; pass a cdktf output directory or a Terraform JSON file`);
    const shown = (file?: string) => (file ? path.relative(process.cwd(), file) || file : "");
    for (const p of problems) io.err(`${shown(p.file)}: ${formatProblem(p)}`);
    const errors = problems.filter((p) => p.severity !== "warning").length;
    io.out(`Provider schema: ${files.length} stack file(s), ${errors} problem(s)${errors < problems.length ? `, ${problems.length - errors} warning(s)` : ""}`);
    let ruleErrors = 0;
    if (flags.values.rules === true) {
      // The stacks of one cdktf output directory are one app (a split estate): judged together, as synth did.
      const apps = new Map<string, { name: string; json: StackJson }[]>();
      for (const { file, document } of files) {
        if (document === undefined) continue; // already reported as unreadable
        const stackDir = path.dirname(file);
        const inOutdir = path.basename(file) === "cdk.tf.json" && path.basename(path.dirname(stackDir)) === "stacks";
        const key = inOutdir ? path.dirname(path.dirname(stackDir)) : file;
        apps.set(key, [...(apps.get(key) ?? []), { name: path.basename(stackDir), json: canonicalDocument(document) as StackJson }]);
      }
      for (const stacks of apps.values()) {
        const report = evaluate(modelOfStacks(appName(stacks.map((s) => ({ node: { id: s.name } }))), stacks));
        io.out(`\n${renderMarkdown(report)}`);
        ruleErrors += report.findings.filter((f) => f.severity === "error").length;
      }
    }
    return errors > 0 || ruleErrors > 0 ? 1 : 0;
  },
};
