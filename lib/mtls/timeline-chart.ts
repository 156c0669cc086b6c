// Renders a replayed rotation (lib/analysis) as a Mermaid gantt chart for the docs: one row per CA slot
// (each generation: signing, then outgoing while still accepted) and one for client certificate issues.
import { certSerialsIn, type TerraformReplay } from "../analysis/terraform-replay";

export interface TimelineChartOptions {
  /** Days shown from the first apply. */
  readonly days: number;
  readonly title: string;
}

const dayOf = (seconds: number) => new Date(Math.round(seconds / 86400) * 86400000).toISOString().slice(0, 10);

export function mermaidTimeline(replay: TerraformReplay, options: TimelineChartOptions): string {
  const first = replay.applies[0].at;
  const end = first + options.days * 86400;
  const lines = ["```mermaid", "---", "displayMode: compact", "---", "gantt", `    title ${options.title}`, "    dateFormat YYYY-MM-DD", "    axisFormat %Y-%m"];
  const cas = replay.objects.filter((o) => o.type === "tls_self_signed_cert" && o.createdAt < end);
  const issues = replay.objects.filter((o) => o.type === "tls_locally_signed_cert" && o.createdAt < end);
  const number = new Map(cas.map((ca, i) => [certSerialsIn(String(ca.attributes.cert_pem))[0], i] as const));
  const signerOf = (o: (typeof issues)[number]) => number.get(certSerialsIn(String(o.attributes.ca_cert_pem))[0]) as number;
  const signingFrom = new Map<number, number>();
  for (const issue of issues) if (!signingFrom.has(signerOf(issue))) signingFrom.set(signerOf(issue), issue.createdAt);
  const signingStarts = [...signingFrom.entries()].sort((a, b) => a[1] - b[1]);
  const slots = [...new Set(cas.map((c) => c.address))].sort();
  slots.forEach((slot, s) => {
    lines.push(`    section CA slot ${String.fromCharCode(97 + s)}`);
    for (const ca of cas.filter((c) => c.address === slot)) {
      const id = number.get(certSerialsIn(String(ca.attributes.cert_pem))[0]) as number;
      const removed = Math.min(ca.destroyedAt, end);
      const from = signingFrom.get(id);
      const next = signingStarts.find(([, at]) => from !== undefined && at > from)?.[1] ?? Infinity;
      if (from === undefined) {
        lines.push(`    CA ${id} accepted :g${id}a, ${dayOf(ca.createdAt)}, ${dayOf(removed)}`);
        continue;
      }
      const signedUntil = Math.min(next, removed);
      lines.push(`    CA ${id} signs clients :active, g${id}s, ${dayOf(from)}, ${dayOf(signedUntil)}`);
      if (signedUntil < removed) lines.push(`    CA ${id} outgoing (overlap) :crit, g${id}o, ${dayOf(signedUntil)}, ${dayOf(removed)}`);
    }
  });
  lines.push("    section Client certificate");
  issues.forEach((issue, i) => lines.push(`    issued by CA ${signerOf(issue)} :milestone, c${i}, ${dayOf(issue.createdAt)}, 0d`));
  lines.push("```");
  return lines.join("\n");
}
