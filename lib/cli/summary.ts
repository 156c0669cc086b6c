// The Markdown summary printed after synth: one row per namespace, plus facts features add.
import * as path from "node:path";
import type { SynthResult } from "../estate/synth";
import type { AuthKind } from "../config/resolve";

const AUTH_LABELS: Readonly<Record<AuthKind, string>> = { apiKey: "API key", mtls: "mTLS", both: "API key + mTLS", none: "" };

export function renderEstateSummary(result: SynthResult, configFile: string): string {
  const ctx = result.stack.context;
  const namespaces = ctx.resolvedNamespaces;
  const extraColumns: string[] = [];
  for (const ns of namespaces) {
    for (const fact of ctx.summaryFacts(ns.name)) if (!extraColumns.includes(fact.column)) extraColumns.push(fact.column);
  }
  const header = ["Namespace", "Environment", "Regions", "Auth", "Retention", "Delete protection", "prevent_destroy", ...extraColumns];
  const rows = namespaces.map((ns) => {
    const built = result.stack.namespaces[ns.name];
    const auth = AUTH_LABELS[ns.authKind];
    const facts = new Map(ctx.summaryFacts(ns.name).map((f) => [f.column, f.value]));
    return [
      ns.name,
      ns.environment,
      built.regions.join(", "),
      auth,
      `${built.retentionDays} d`,
      built.deleteProtection ? "on" : "off",
      built.preventDestroy ? "on" : "off",
      ...extraColumns.map((c) => facts.get(c) ?? ""),
    ];
  });
  const relStack = path.relative(process.cwd(), result.stackFile) || result.stackFile;
  return [
    `## Temporal Cloud estate \`${result.stackName}\``,
    "",
    `Config: ${configFile} · ${namespaces.length} namespace(s) · ${result.resourceCount} resources → ${relStack}`,
    "",
    markdownTable(header, rows),
  ].join("\n");
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
