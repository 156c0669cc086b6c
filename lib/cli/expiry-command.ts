import * as fs from "node:fs";
import { UsageError, type Command } from "./command";
import { parseFlags, stringFlag } from "./args";
import { credentialExpiries, needsAttention, type CredentialExpiry } from "../analysis/expiry";

export const expiryCommand: Command = {
  summary: "List every API key, client certificate and CA in Terraform state with its expiry and the date the next apply is due",
  help: [
    "Usage: temporal-cloud-guardrails expiry (--state FILE | --plan FILE) [--within DAYS] [--json] [--now TIME]",
    "",
    "Reads Terraform state (a state file, `terraform state pull`, or `terraform show -json`) or a plan",
    "(`terraform show -json PLANFILE`, its prior state) and lists every temporalcloud_apikey, client certificate",
    "and CA with its expiry and the last moment by which the next apply must run so workers (which may take",
    "24 h to reload their secret) switch before it expires. For API keys only the newest key of each key set is",
    "judged (the other one is the previous key, expiring on purpose). Prints no secret.",
    "",
    "Exit code 1 when any credential in use is inside the warning window or past its apply-by date, so a",
    "scheduled job fails loudly while there is still time to run the pipeline.",
    "",
    "Options:",
    "  --state FILE    Terraform state JSON",
    "  --plan FILE     `terraform show -json` of a plan file",
    "  --within DAYS   Warning window before the apply-by date (default 14)",
    "  --json          Machine-readable output",
    "  --now TIME      Evaluate at this RFC 3339 time instead of now (what-if)",
    "  --help          Show this help",
  ].join("\n"),
  run(args, io) {
    const flags = parseFlags(args, { state: { type: "string" }, plan: { type: "string" }, within: { type: "string" }, json: { type: "boolean" }, now: { type: "string" } });
    const state = stringFlag(flags, "state");
    const plan = stringFlag(flags, "plan");
    if ((state === undefined) === (plan === undefined)) throw new UsageError("give exactly one of --state FILE (e.g. `terraform state pull > state.json`) or --plan FILE (`terraform show -json plan.out > plan.json`)");
    const file = (state ?? plan) as string;
    const withinText = stringFlag(flags, "within") ?? "14";
    const within = Number(withinText);
    if (!/^\d+(\.\d+)?$/.test(withinText) || !Number.isFinite(within)) throw new UsageError(`--within ${withinText} is not a number of days; use e.g. --within 14`);
    const nowText = stringFlag(flags, "now");
    const now = nowText === undefined ? new Date() : new Date(nowText);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${nowText} is not an RFC 3339 time; use e.g. 2027-01-31T00:00:00Z`);
    if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist`);
    let doc: unknown;
    try {
      doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new UsageError(`${file} is not JSON (${e instanceof Error ? e.message : String(e)}); pass a state file or the output of \`terraform show -json\``);
    }
    let expiries: CredentialExpiry[];
    try {
      expiries = credentialExpiries(doc, { now, withinDays: within });
    } catch (e) {
      throw new UsageError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const attention = needsAttention(expiries);
    if (flags.values.json === true) {
      io.out(JSON.stringify({ now: now.toISOString(), withinDays: within, attention, credentials: expiries }, null, 2));
      return attention ? 1 : 0;
    }
    if (expiries.length === 0) {
      io.out(`${file}: no API keys, client certificates or CAs in this state`);
      return 0;
    }
    const rows = expiries.map((e) => [e.status.toUpperCase() + (e.inUse ? "" : " (previous key)"), e.kind, e.label, e.expiresAt, e.applyBy, e.address]);
    const header = ["status", "kind", "name", "expires", "apply by", "address"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
    io.out(line(header));
    for (const r of rows) io.out(line(r));
    const due = expiries.filter((e) => e.status !== "ok");
    if (due.length > 0) {
      const first = due.reduce((a, b) => (a.applyBy < b.applyBy ? a : b));
      io.err(`\n${due.length} credential(s) need an apply: run the pipeline (terraform apply) before ${first.applyBy}, or workers lose ${first.label} when it expires at ${first.expiresAt}. Runbook: docs/pipelines.md#runbook-the-pipeline-is-paused`);
    } else {
      io.out(`\nAll ${expiries.length} credential(s) are fine for at least ${within} days; the earliest apply-by date is ${expiries[0].applyBy}.`);
    }
    return attention ? 1 : 0;
  },
};
