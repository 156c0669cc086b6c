import * as path from "node:path";
import type { Command, CliIo } from "./command";
import { parseFlags, stringFlag } from "./args";
import { loadConfig } from "../config/load";
import { resolvedConfigOf } from "../config/estate-config";
import { synthesizeEstate, type SynthResult } from "../estate/synth";
import { renderEstateSummary } from "./summary";
import { packageFile } from "../package-root";
import { collectWarnings } from "./warnings";
import { configLines } from "./finding-config-path";
import { renderMarkdown } from "../policy/reports/markdown";

export const DEFAULT_CONFIG = packageFile("examples", "production-estate.yaml");

export const synthCommand: Command = {
  summary: "Synthesize an estate config into Terraform JSON (cdktf.out) and print its summary",
  help: [
    "Usage: temporal-cloud-guardrails synth [--config FILE] [--out DIR]",
    "",
    "Validates the configuration, synthesizes the Terraform JSON for every namespace, checks it against the",
    "compliance rules and the provider schema, and prints the estate and compliance summaries.",
    "Compliance reports (report.sarif, junit.xml, report.json, summary.md) go to <DIR>/compliance/.",
    "When the configuration is invalid, every problem is listed and nothing is written.",
    "When a compliance rule reports an error, only the compliance reports are written and the exit code is 1.",
    "",
    "Options:",
    "  --config FILE  Estate configuration: .yaml, .yml, .json, or a .ts/.js module exporting the config",
    "                 (default: examples/production-estate.yaml)",
    "  --out DIR      Output directory (default: cdktf.out)",
    "  --help         Show this help",
  ].join("\n"),
  run(args, io) {
    const { result, configFile } = synthFromFlags(args);
    return printSynthResult(result, configFile, io);
  },
};

/** Parses `--config` / `--out`, loads the config and synthesizes it (shared by synth and check). */
export function synthFromFlags(args: readonly string[]): { result: SynthResult; configFile: string } {
  const flags = parseFlags(args, { config: { type: "string" }, out: { type: "string" } });
  const configFile = stringFlag(flags, "config") ?? DEFAULT_CONFIG;
  const config = loadConfig(configFile);
  return { result: synthesizeEstate({ config, outdir: stringFlag(flags, "out") ?? "cdktf.out", configFile }), configFile };
}

/** Prints the estate and compliance summaries; returns the exit code (1 when compliance errors blocked the stack). */
export function printSynthResult(result: SynthResult, configFile: string, io: CliIo): number {
  io.out(renderEstateSummary(result, configFile));
  for (const s of result.stacks) for (const warning of collectWarnings(s.stack)) io.err(`warning: ${warning}`);
  io.out("");
  io.out(renderMarkdown(result.compliance));
  const reports = path.relative(process.cwd(), result.complianceDir) || result.complianceDir;
  if (result.blocked) {
    io.err("\nCompliance errors, by the config setting that decides them:");
    for (const line of configLines(result.compliance.findings, resolvedConfigOf(result.context.config).namespaces)) io.err(line);
    io.err(`\nCompliance errors: ${result.stacks.length > 1 ? "no stack was" : "the stack was not"} written. Fix the findings above or suppress them with a reason; reports in ${reports}/`);
    return 1;
  }
  io.out(`\nCompliance reports: ${reports}/ (report.sarif, junit.xml, report.json, summary.md)`);
  return 0;
}
