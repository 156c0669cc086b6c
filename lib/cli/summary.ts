// The Markdown summary printed after synth: one row per namespace, plus facts features add.
import * as path from "node:path";
import type { SynthResult } from "../estate/synth";
import type { AuthKind } from "../config/resolve";
import { resolvedConfigOf } from "../config/estate-config";

const AUTH_LABELS: Readonly<Record<AuthKind, string>> = { apiKey: "API key", mtls: "mTLS", both: "API key + mTLS", none: "" };

export function renderEstateSummary(result: SynthResult, configFile: string): string {
  const ctx = result.context;
  const namespaces = resolvedConfigOf(ctx.config).namespaces;
  const split = result.stacks.length > 1;
  const built = result.estate.namespaces;
  const extraColumns: string[] = [];
  for (const ns of namespaces) {
    for (const fact of ctx.summaryFacts(ns.name)) if (!extraColumns.includes(fact.column)) extraColumns.push(fact.column);
  }
  const header = ["Namespace", ...(split ? ["Stack"] : []), "Environment", "Regions", "Auth", "Retention", "Delete protection", "prevent_destroy", ...extraColumns];
  const rows = namespaces.map((ns) => {
    const auth = AUTH_LABELS[ns.authKind];
    const facts = new Map(ctx.summaryFacts(ns.name).map((f) => [f.column, f.value]));
    const { regions, retentionDays, deleteProtection, preventDestroy } = built[ns.name];
    return [
      ns.name,
      ...(split ? [ns.stack] : []),
      ns.environment,
      regions.join(", "),
      auth,
      `${retentionDays} d`,
      deleteProtection ? "on" : "off",
      preventDestroy ? "on" : "off",
      ...extraColumns.map((c) => facts.get(c) ?? ""),
    ];
  });
  // A blocked synth writes only the reports: never point at a stack file that is not there.
  const where = (file: string) => (result.blocked ? "not written (compliance errors)" : path.relative(process.cwd(), file) || file);
  const head = [
    `## Temporal Cloud estate \`${result.stackName}\``,
    "",
    `Config: ${configFile} · ${namespaces.length} namespace(s) · ${result.resourceCount} resources → ${split ? `${result.stacks.length} stacks` : where(result.stackFile)}`,
    "",
  ];
  // A split estate: its stacks in apply order (cdktf deploy follows the same order from the references).
  const stacks = split
    ? [
        markdownTable(["Apply order", "Stack", "Holds", "Resources", "File"], result.stacks.map((s, i) => [
          String(i + 1), s.name, s.role === "namespaces" ? Object.keys(s.stack.namespaces).join(", ") : `${s.role}`, String(s.resourceCount), where(s.file),
        ])),
        "",
      ]
    : [];
  return [...head, ...stacks, markdownTable(header, rows)].join("\n");
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
