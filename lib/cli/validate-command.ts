import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError, type Command } from "./command";
import { parseFlags } from "./args";
import { formatProblem, validateOutDir } from "../policy/schema-validation/validate";
import { TerraformModel, type StackJson } from "../analysis/model";
import { evaluate } from "../policy/engine";
import { renderMarkdown } from "../policy/reports/markdown";

export const validateCommand: Command = {
  summary: "Check synthesized Terraform JSON against the temporalcloud provider schema, offline",
  help: [
    "Usage: temporal-cloud-guardrails validate [DIR|FILE] [--rules]",
    "",
    "Validates every temporalcloud_* resource and data source of every stack in a cdktf output directory",
    "(DIR/stacks/*/cdk.tf.json, default cdktf.out) or of one cdk.tf.json, against the committed provider",
    "schema and the provider's validators: attribute names, types, required attributes, nested shapes,",
    "allowed values, patterns, sizes and conflicts. References (${...}) are unknown until apply and skipped.",
    "Works on any CDKTF stack, including ones written without temporal-cloud-guardrails.",
    "",
    "Options:",
    "  --rules   Also run the compliance rules on the JSON (environment from tags or name suffixes)",
    "  --help    Show this help",
  ].join("\n"),
  run(args, io) {
    const flags = parseFlags(args, { rules: { type: "boolean" } }, true);
    if (flags.positionals.length > 1) throw new UsageError("validate takes one directory or file");
    const target = flags.positionals[0] ?? "cdktf.out";
    if (!fs.existsSync(target)) throw new UsageError(`${target} does not exist; run synth first or pass the cdktf output directory`);
    const { files, problems } = validateOutDir(target);
    if (files.length === 0) throw new UsageError(`no cdk.tf.json found in ${target}; pass a cdktf output directory or a cdk.tf.json file`);
    for (const p of problems) io.err(`${path.relative(process.cwd(), p.file ?? "") || p.file}: ${formatProblem(p)}`);
    io.out(`Provider schema: ${files.length} stack file(s), ${problems.length} problem(s)`);
    let ruleErrors = 0;
    if (flags.values.rules === true) {
      for (const file of files) {
        const name = path.basename(path.dirname(file));
        const report = evaluate(TerraformModel.fromJson(name, JSON.parse(fs.readFileSync(file, "utf8")) as StackJson));
        io.out(`\n${renderMarkdown(report)}`);
        ruleErrors += report.findings.filter((f) => f.severity === "error").length;
      }
    }
    return problems.length > 0 || ruleErrors > 0 ? 1 : 0;
  },
};
