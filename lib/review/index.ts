// Plan review: compares two synthesized outputs (base and head of a PR) and renders a Markdown comment.
import { diffStacks, type ResourceChange, type StackDiff } from "./diff";
import { estateDiagram } from "./mermaid";
import { loadSynthOutput, type SynthOutput } from "./model";
import { appSecurityFindings, findMoves, type StackMove } from "./moves";
import { FINDING_TITLES, isCrossStack, type ReviewFinding, type SecurityOptions } from "./security";

export { loadSynthOutput, synthOutputOf, buildStackModel, ReviewInputError, GUARDRAILS_COMMENT_KEY } from "./model";
export { isProductionNamespace, isCrossStack, type ReviewFinding, type FindingKind } from "./security";
export type { StackMove } from "./moves";
/** @deprecated Use ReviewFinding; at the package root `Finding` is the compliance rule pack's finding. */
export type Finding = ReviewFinding;

export interface ReviewOptions extends SecurityOptions {
  /** Accept forced replacements, destruction and moves between stacks of production namespaces (exit 0). @default false */
  readonly allowReplacement?: boolean;
}

export interface ReviewResult {
  readonly diffs: readonly StackDiff[];
  /** Resources that leave one stack and appear in another (paired by identity, see identity.ts). */
  readonly moves: readonly StackMove[];
  readonly findings: readonly ReviewFinding[];
  readonly blocking: readonly ReviewFinding[];
  readonly markdown: string;
  /** 0 = fine, 1 = a production namespace would be replaced, destroyed or moved between stacks and no override was given. */
  readonly exitCode: number;
}

export function reviewDirectories(baseDir: string, headDir: string, options: ReviewOptions = {}): ReviewResult {
  return reviewOutputs(loadSynthOutput(baseDir), loadSynthOutput(headDir), options);
}

export function reviewOutputs(base: SynthOutput, head: SynthOutput, options: ReviewOptions = {}): ReviewResult {
  const names = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])].sort();
  const diffs = names.map((name) => diffStacks(name, base.stacks.get(name), head.stacks.get(name)));
  const moves = findMoves(diffs);
  const findings = appSecurityFindings(base, head, diffs, moves, options);
  const blocking = findings.filter((f) => f.blocking);
  const exitCode = blocking.length > 0 && !options.allowReplacement ? 1 : 0;
  return { diffs, moves, findings, blocking, exitCode, markdown: renderReview(diffs, moves, findings, blocking, options) };
}

const KIND_MARK: Readonly<Record<ResourceChange["kind"], string>> = { added: "➕ added", changed: "✏️ changed", removed: "➖ removed" };

function renderReview(diffs: readonly StackDiff[], moves: readonly StackMove[], findings: readonly ReviewFinding[], blocking: readonly ReviewFinding[], options: ReviewOptions): string {
  const out: string[] = ["## Temporal Cloud plan review", ""];
  if (blocking.length > 0) {
    const what = `${blocking.length} production namespace replacement(s)/destruction(s)/move(s) between stacks`;
    out.push(
      options.allowReplacement
        ? `> [!WARNING]\n> ${what}, accepted with --allow-replacement.`
        : `> [!CAUTION]\n> ${what}. This review fails; if it is intended, rerun with --allow-replacement (and migrate the workflows or move the state first).`,
      "",
    );
  }
  out.push("| Stack | Added | Changed | Removed |", "| --- | ---: | ---: | ---: |");
  for (const d of diffs) {
    const count = (k: ResourceChange["kind"]) => d.changes.filter((c) => c.kind === k).length;
    out.push(`| \`${d.stack}\`${!d.base ? " (new)" : !d.head ? " (removed)" : ""} | ${count("added")} | ${count("changed")} | ${count("removed")} |`);
  }
  const inStack = findings.filter((f) => !isCrossStack(f));
  const across = findings.filter(isCrossStack);
  out.push("", `### Security-relevant changes (${inStack.length})`, "");
  if (inStack.length === 0) out.push("None.");
  for (const f of inStack) out.push(findingLine(f));
  if (diffs.length > 1 || across.length > 0) {
    out.push("", `### Across stacks (${across.length})`, "", "Changes the stacks' own plans show as unrelated: resources moving between stacks, and changes whose namespace lives in another stack.", "");
    if (across.length === 0) out.push("None.");
    for (const f of across) out.push(findingLine(f));
  }
  out.push("", "### Changes by namespace", "");
  renderChanges(out, diffs, moves);
  out.push("### Estate", "", estateDiagram(diffs, moves), "");
  return out.join("\n");
}

function findingLine(f: ReviewFinding): string {
  const mark = f.blocking ? "🛑" : "⚠️";
  const stack = f.fromStack !== undefined ? `stack \`${f.fromStack}\` → \`${f.stack}\`` : `stack \`${f.stack}\``;
  const namespace = f.namespace
    ? `namespace \`${f.namespace}\`${f.production ? " (production)" : ""}${f.namespaceStack !== undefined ? ` in stack \`${f.namespaceStack}\`` : ""}`
    : "estate-wide";
  return `- ${mark} **${FINDING_TITLES[f.kind]}** (${stack} · ${namespace}): ${f.message}`;
}

function renderChanges(out: string[], diffs: readonly StackDiff[], moves: readonly StackMove[]): void {
  const total = diffs.reduce((n, d) => n + d.changes.length, 0);
  if (total === 0) out.push("No resource changes.");
  const moveNote = new Map<string, string>();
  for (const m of moves) {
    moveNote.set(`${m.fromStack} ${m.before.address}`, ` (moves to stack \`${m.toStack}\`)`);
    moveNote.set(`${m.toStack} ${m.after.address}`, ` (moved from stack \`${m.fromStack}\`)`);
  }
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
        out.push(`- ${KIND_MARK[c.kind]} \`${c.address}\`${attrs}${moveNote.get(`${d.stack} ${c.address}`) ?? ""}`);
      }
      out.push("");
    }
  }
}
