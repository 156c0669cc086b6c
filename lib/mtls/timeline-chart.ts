// Renders a simulated rotation (see rotation-simulator.ts) as a Mermaid gantt chart for the docs.
import type { SimulationResult } from "./rotation-simulator";

export interface TimelineChartOptions {
  /** Calendar date of hour 0 (the first apply), e.g. 2026-01-01. */
  readonly start: Date;
  /** Days shown. */
  readonly days: number;
  readonly title: string;
}

const day = (start: Date, hour: number) => new Date(start.getTime() + Math.round(hour / 24) * 86400000).toISOString().slice(0, 10);

/** A gantt with one row per CA slot (generations, overlap windows) and one for client re-issues. */
export function mermaidTimeline(result: SimulationResult, options: TimelineChartOptions): string {
  const end = options.days * 24;
  const lines = [
    "```mermaid",
    "---",
    "displayMode: compact",
    "---",
    "gantt",
    `    title ${options.title}`,
    "    dateFormat YYYY-MM-DD",
    "    axisFormat %Y-%m",
  ];
  const slots = [...new Set(result.generations.map((g) => g.resource))];
  slots.forEach((slot, i) => {
    lines.push(`    section CA slot ${String.fromCharCode(97 + i)}`);
    for (const g of result.generations.filter((x) => x.resource === slot && x.notBefore < end)) {
      const removed = Math.min(g.removedAt, end);
      const signingFrom = result.issues.find((issue) => issue.caId === g.id)?.notBefore;
      if (signingFrom !== undefined && signingFrom > g.notBefore) {
        lines.push(`    CA ${g.id} accepted (not signing yet) :g${g.id}w, ${day(options.start, g.notBefore)}, ${day(options.start, signingFrom)}`);
      }
      const signedUntil = Math.min(g.supersededAt, removed);
      if (signingFrom !== undefined) lines.push(`    CA ${g.id} signs clients :active, g${g.id}s, ${day(options.start, signingFrom)}, ${day(options.start, signedUntil)}`);
      else lines.push(`    CA ${g.id} accepted :g${g.id}a, ${day(options.start, g.notBefore)}, ${day(options.start, signedUntil)}`);
      if (g.supersededAt < removed) lines.push(`    CA ${g.id} outgoing (overlap) :crit, g${g.id}o, ${day(options.start, g.supersededAt)}, ${day(options.start, removed)}`);
    }
  });
  lines.push("    section Client certificate");
  result.issues
    .filter((issue) => issue.notBefore < end)
    .forEach((issue, i) => lines.push(`    re-issue from CA ${issue.caId} :milestone, c${i}, ${day(options.start, issue.notBefore)}, 0d`));
  lines.push("```");
  return lines.join("\n");
}
