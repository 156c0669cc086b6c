import * as path from "node:path";
import type { Command } from "./command";
import { formatProblem, validateOutDir } from "../policy/schema-validation/validate";
import { printSynthResult, synthFromFlags } from "./synth-command";

export const checkCommand: Command = {
  summary: "CI gate: synth + provider-schema validation + compliance rules; exit 1 on any error",
  help: [
    "Usage: temporal-cloud-guardrails check [--config FILE] [--out DIR]",
    "",
    "Synthesizes the configuration, runs the compliance rules and validates the written stack against the",
    "temporalcloud provider schema. Writes report.sarif (upload it to GitHub code scanning), junit.xml,",
    "report.json and summary.md to <DIR>/compliance/. Exit codes: 0 compliant, 1 errors found or invalid",
    "configuration, 2 wrong usage.",
    "",
    "Options:",
    "  --config FILE  Estate configuration (default: examples/production-estate.yaml)",
    "  --out DIR      Output directory (default: cdktf.out)",
    "  --help         Show this help",
  ].join("\n"),
  run(args, io) {
    const { result, configFile } = synthFromFlags(args);
    let code = printSynthResult(result, configFile, io);
    if (!result.blocked) {
      // The written file is validated again, as `validate` would: what is on disk is what Terraform reads.
      const { files, problems } = validateOutDir(result.outdir);
      for (const p of problems) io.err(`${path.relative(process.cwd(), p.file ?? "")}: ${formatProblem(p)}`);
      const errors = problems.filter((p) => p.severity !== "warning").length;
      io.out(`Provider schema: ${files.length} stack file(s), ${errors} problem(s)${errors < problems.length ? `, ${problems.length - errors} warning(s)` : ""}`);
      if (errors > 0) code = 1;
    }
    io.out(code === 0 ? "check passed" : "check FAILED");
    return code;
  },
};
