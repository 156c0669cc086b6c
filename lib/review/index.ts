// Plan review: compares two synthesized outputs (base and head of a PR) and renders a Markdown comment.
import { diffStacks, type ResourceChange, type StackDiff } from "./diff";
import { estateDiagram } from "./mermaid";
import { loadSynthOutput, type SynthOutput } from "./model";
import { FINDING_TITLES, securityFindings, type ReviewFinding, type SecurityOptions } from "./security";

export { loadSynthOutput, buildStackModel, ReviewInputError, GUARDRAILS_COMMENT_KEY } from "./model";
export { isProductionNamespace, type ReviewFinding, type FindingKind } from "./security";
/** @deprecated Use ReviewFinding; at the package root `Finding` is the compliance rule pack's finding. */
export type Finding = ReviewFinding;

export interface ReviewOptions extends SecurityOptions {
  /** Accept forced replacements / destruction of production namespaces (exit 0). @default false */
  readonly allowReplacement?: boolean;
}

export interface ReviewResult {
  readonly diffs: readonly StackDiff[];
  readonly findings: readonly ReviewFinding[];
  readonly blocking: readonly ReviewFinding[];
  readonly markdown: string;
  /** 0 = fine, 1 = a production namespace would be replaced or destroyed and no override was given. */
  readonly exitCode: number;
}

export function reviewDirectories(baseDir: string, headDir: string, options: ReviewOptions = {}): ReviewResult {
  return reviewOutputs(loadSynthOutput(baseDir), loadSynthOutput(headDir), options);
}

export function reviewOutputs(base: SynthOutput, head: SynthOutput, options: ReviewOptions = {}): ReviewResult {
  const names = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])].sort();
  const diffs = names.map((name) => diffStacks(name, base.stacks.get(name), head.stacks.get(name)));
  const findings = diffs.flatMap((d) => securityFindings(d, options));
  const blocking = findings.filter((f) => f.blocking);
  const exitCode = blocking.length > 0 && !options.allowReplacement ? 1 : 0;
  return { diffs, findings, blocking, exitCode, markdown: renderReview(diffs, findings, blocking, options) };
}

const KIND_MARK: Readonly<Record<ResourceChange["kind"], string>> = { added: "➕ added", changed: "✏️ changed", removed: "➖ removed" };

function renderReview(diffs: readonly StackDiff[], findings: readonly ReviewFinding[], blocking: readonly ReviewFinding[], options: ReviewOptions): string {
  const out: string[] = ["## Temporal Cloud plan review", ""];
  if (blocking.length > 0) {
    out.push(
      options.allowReplacement
        ? `> [!WARNING]\n> ${blocking.length} production namespace replacement(s)/destruction(s), accepted with --allow-replacement.`
        : `> [!CAUTION]\n> ${blocking.length} production namespace replacement(s)/destruction(s). This review fails; if it is intended, rerun with --allow-replacement (and migrate the workflows first).`,
      "",
    );
  }
  out.push("| Stack | Added | Changed | Removed |", "| --- | ---: | ---: | ---: |");
  for (const d of diffs) {
    const count = (k: ResourceChange["kind"]) => d.changes.filter((c) => c.kind === k).length;
    out.push(`| \`${d.stack}\`${!d.base ? " (new)" : !d.head ? " (removed)" : ""} | ${count("added")} | ${count("changed")} | ${count("removed")} |`);
  }
  out.push("", `### Security-relevant changes (${findings.length})`, "");
  if (findings.length === 0) out.push("None.");
  for (const f of findings) {
    const mark = f.blocking ? "🛑" : "⚠️";
    const where = [`stack \`${f.stack}\``, f.namespace ? `namespace \`${f.namespace}\`${f.production ? " (production)" : ""}` : "estate-wide"].join(" · ");
    out.push(`- ${mark} **${FINDING_TITLES[f.kind]}** (${where}): ${f.message}`);
  }
  out.push("", "### Changes by namespace", "");
  const total = diffs.reduce((n, d) => n + d.changes.length, 0);
  if (total === 0) out.push("No resource changes.");
  for (const d of diffs) {
    if (d.changes.length === 0) continue;
    out.push(`#### Stack \`${d.stack}\``, "");
    const groups = new Map<string, ResourceChange[]>();
    for (const c of d.changes) {
      const key = c.namespace ?? "";
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const keys = [...groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
    for (const key of keys) {
      out.push(key ? `**Namespace \`${key}\`**` : "**Estate-wide**", "");
      for (const c of groups.get(key)!) {
        const attrs = c.changedAttributes.length > 0 ? `: ${c.changedAttributes.map((a) => `\`${a}\``).join(", ")}` : "";
        out.push(`- ${KIND_MARK[c.kind]} \`${c.address}\`${attrs}`);
      }
      out.push("");
    }
  }
  out.push("### Estate", "", estateDiagram(diffs), "");
  return out.join("\n");
}
