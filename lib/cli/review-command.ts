import * as fs from "node:fs";
import type { Command } from "./command";
import { UsageError } from "./command";
import { parseFlags, stringFlag } from "./args";
import { reviewDirectories, ReviewInputError } from "../review";

export const reviewCommand: Command = {
  summary: "Compare two synthesized outputs (base, head) and print a Markdown plan review for a PR",
  help: [
    "Usage: temporal-cloud-guardrails review <base cdktf.out> <head cdktf.out> [options]",
    "",
    "Lists resources added, changed and removed per stack and namespace, calls out security-relevant changes",
    "first (auth, CA bundle, certificate filters, retention, public access, delete protection, prevent_destroy,",
    "service account permissions, API key expiry, forced replacements) and draws the estate as a Mermaid diagram.",
    "The stacks of a split estate are judged together: a resource that leaves one stack and appears in another",
    "is a move between stacks (with the state commands that keep it), and a change whose namespace lives in",
    "another stack names that namespace and whether it is production.",
    "Each argument is a cdktf.out folder or a single cdk.tf.json file.",
    "",
    "Exit codes: 0 review written; 1 a production namespace would be replaced, destroyed or moved between stacks",
    "(see --allow-replacement); 2 usage error or unreadable input.",
    "",
    "Options:",
    "  --allow-replacement         Report replacements, destruction and moves between stacks of production",
    "                              namespaces but exit 0",
    "  --production-pattern REGEX  Treat namespaces whose name matches as production (for stacks without",
    "                              the guardrails marker)",
    "  --out FILE                  Also write the Markdown to FILE (e.g. for a PR comment step)",
    "  --help                      Show this help",
  ].join("\n"),
  run(args, io) {
    const flags = parseFlags(args, { "allow-replacement": { type: "boolean" }, "production-pattern": { type: "string" }, out: { type: "string" } }, true);
    if (flags.positionals.length !== 2) {
      throw new UsageError(`review needs exactly two arguments, <base cdktf.out> and <head cdktf.out>; got ${flags.positionals.length}`);
    }
    const pattern = stringFlag(flags, "production-pattern");
    let productionNamePattern: RegExp | undefined;
    try {
      productionNamePattern = pattern === undefined ? undefined : new RegExp(pattern);
    } catch (err) {
      throw new UsageError(`--production-pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(err as Error).message}`);
    }
    let result;
    try {
      result = reviewDirectories(flags.positionals[0], flags.positionals[1], {
        allowReplacement: flags.values["allow-replacement"] === true,
        productionNamePattern,
      });
    } catch (err) {
      if (err instanceof ReviewInputError) throw new UsageError(err.message);
      throw err;
    }
    io.out(result.markdown);
    const outFile = stringFlag(flags, "out");
    if (outFile) fs.writeFileSync(outFile, result.markdown.endsWith("\n") ? result.markdown : `${result.markdown}\n`);
    if (result.exitCode !== 0) {
      io.err(`review: ${result.blocking.length} production namespace(s) would be replaced, destroyed or moved between stacks; rerun with --allow-replacement if this is intended (move the state first for a move).`);
    }
    return result.exitCode;
  },
};
