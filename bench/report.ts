// What `npm run bench` reports, computed from the measurements of one run: ratios (library ÷ raw bindings,
// from runs made back to back), the time breakdown by phase, the targets, the Markdown table and the SVG chart.
// Pure functions only (no clock, no processes), so a unit test can check the arithmetic and the shape.

/** Where synth time goes. The cdktf phases (construct … write) are measured on both sides. */
export const PHASES = [
  ["config", "config load, schema, resolve, cross checks", "config"],
  ["construct", "construct tree (stack assembly / binding replay)", "construct tree"],
  ["prepare", "cdktf prepare (preparing resolve of every element)", "cdktf prepare"],
  ["resolve", "cdktf resolve of the stack into JSON", "cdktf resolve"],
  ["write", "aspects, JSON serialization and write", "JSON write"],
  ["ruleModel", "rule model from the written JSON", "rule model"],
  ["rules", "rules + provider-schema validation", "rules + schema"],
  ["reports", "compliance reports, read-back, move into place", "reports"],
] as const;
export type PhaseName = (typeof PHASES)[number][0];
export type Phases = Partial<Record<PhaseName, number>>;

export interface Measurement {
  mode: "library" | "raw";
  importMs: number;
  /** CPU time (user + system) of the synth: what the ratios and phases use. */
  synthMs: number;
  /** Wall time of the same synth (inflated by whatever else the machine runs). */
  synthWallMs: number;
  maxRssBytes: number;
  resources: number;
  stackFile: string;
  processMs: number;
  phases: Phases;
}

/** The runs of one size; library[i] and raw[i] ran back to back, so they saw the same machine load. */
export interface SizeRuns {
  namespaces: number;
  library: Measurement[];
  raw: Measurement[];
  sameResources: boolean;
}

export interface SizeSummary {
  namespaces: number;
  resources: number;
  /** Fastest run of each side (the work is deterministic; slower runs measure machine noise). */
  library: Measurement;
  raw: Measurement;
  /** Median over the pairs of library synth ÷ raw synth, with the smallest and largest pair. */
  overhead: number;
  overheadRange: readonly [number, number];
  /** The same median in wall time. */
  wallOverhead: number;
  sameResources: boolean;
}

export const TARGETS = { timeAt100Ms: 10_000, rssAt100Bytes: 1024 ** 3, overhead: 1.5, growth500over100: 5.5, cliFirstByteMs: 2_000 };

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fastest = (runs: readonly Measurement[]) => runs.reduce((best, m) => (m.synthMs < best.synthMs ? m : best));

export function summarize(size: SizeRuns): SizeSummary {
  if (size.library.length === 0 || size.library.length !== size.raw.length) throw new Error(`size ${size.namespaces}: need paired library and raw runs`);
  const ratios = size.library.map((lib, i) => lib.synthMs / size.raw[i].synthMs);
  const library = fastest(size.library);
  return {
    namespaces: size.namespaces,
    resources: library.resources,
    library,
    raw: fastest(size.raw),
    overhead: median(ratios),
    overheadRange: [Math.min(...ratios), Math.max(...ratios)],
    wallOverhead: median(size.library.map((lib, i) => lib.synthWallMs / size.raw[i].synthWallMs)),
    sameResources: size.sameResources,
  };
}

/** Library minus raw per phase (ms) in a pair of runs: where the overhead goes. Library-only phases count whole. */
export function overheadByPhase(library: Measurement, raw: Measurement): Record<PhaseName, number> {
  return Object.fromEntries(PHASES.map(([name]) => [name, (library.phases[name] ?? 0) - (raw.phases[name] ?? 0)])) as Record<PhaseName, number>;
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export function checkTargets(sizes: readonly SizeSummary[], cliFirstByteMs: readonly number[]): TargetCheck[] {
  const at = (n: number) => sizes.find((r) => r.namespaces === n);
  const checks: TargetCheck[] = [];
  const r100 = at(100);
  const r500 = at(500);
  if (r100) {
    checks.push({ target: `library synth ≤ ${TARGETS.overhead}× raw bindings synth (100 namespaces, CPU time, median of pairs)`, measured: `${r100.overhead.toFixed(2)}×`, met: r100.overhead <= TARGETS.overhead });
    checks.push({ target: "100 namespaces synthesized in < 10 s (whole process)", measured: `${s(r100.library.processMs)} s`, met: r100.library.processMs < TARGETS.timeAt100Ms });
    checks.push({ target: "100 namespaces in < 1 GiB peak RSS", measured: `${mb(r100.library.maxRssBytes)} MB`, met: r100.library.maxRssBytes < TARGETS.rssAt100Bytes });
  }
  if (r500) checks.push({ target: `library synth ≤ ${TARGETS.overhead}× raw (500 namespaces)`, measured: `${r500.overhead.toFixed(2)}×`, met: r500.overhead <= TARGETS.overhead });
  if (r100 && r500) {
    const growth = r500.library.synthMs / r100.library.synthMs;
    checks.push({ target: `time(500) / time(100) ≤ ${TARGETS.growth500over100} (library synth)`, measured: growth.toFixed(2), met: growth <= TARGETS.growth500over100 });
  }
  if (cliFirstByteMs.length > 0) {
    const cli = median(cliFirstByteMs);
    checks.push({ target: `CLI start → first byte of output < 2 s (compiled package, default example, median of ${cliFirstByteMs.length})`, measured: `${s(cli)} s`, met: cli < TARGETS.cliFirstByteMs });
  }
  return checks;
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);
const x = (ratio: number) => `${ratio.toFixed(2)}×`;

export interface RunInfo {
  /** First line under the title: date, node, machine, load. */
  readonly environment: string;
  /** Paragraphs describing the estate and the method. */
  readonly method: readonly string[];
  readonly repeat: number;
}

/** `checkoutCliMs`: the same CLI run from a checkout, where tsx compiles the TypeScript on the fly (not a target). */
export function renderMarkdown(sizes: readonly SizeSummary[], cliFirstByteMs: readonly number[], info: RunInfo, checkoutCliMs: readonly number[] = []): string {
  const lines = [
    "# Synth benchmark", "", info.environment, "", ...info.method, "",
    `Overhead = library synth ÷ raw synth in CPU time (user + system of the process; a shared machine's load inflates wall time, not CPU time), the median over ${info.repeat} pairs of runs made back to back (smallest and largest pair in brackets); times are the fastest run of each side. The wall-time ratio of the same runs is given next to it.`,
    "",
    "| Namespaces | Resources | Overhead (CPU) | Overhead (wall) | Library synth CPU (s) | Raw synth CPU (s) | Library synth wall (s) | Raw synth wall (s) | Library process (s) | Raw process (s) | Library peak RSS (MB) | Raw peak RSS (MB) | Same resources |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ...sizes.map((r) =>
      `| ${r.namespaces} | ${r.resources} | ${x(r.overhead)} (${r.overheadRange.map((v) => v.toFixed(2)).join("–")}) | ${x(r.wallOverhead)} | ${s(r.library.synthMs)} | ${s(r.raw.synthMs)} | ${s(r.library.synthWallMs)} | ${s(r.raw.synthWallMs)} | ${s(r.library.processMs)} | ${s(r.raw.processMs)} | ${mb(r.library.maxRssBytes)} | ${mb(r.raw.maxRssBytes)} | ${r.sameResources ? "yes" : "NO"} |`),
    "",
    "## Where synth time goes",
    "",
    "Each phase of the fastest runs (CPU time) as a multiple of that size's raw synth time (so a row sums to its overhead; the raw row sums to 1). The cdktf phases are measured on both sides by wrapping cdktf's methods.",
    "",
    `| Namespaces | Side | ${PHASES.map(([, label]) => label).join(" | ")} |`,
    `| ---: | :--- | ${PHASES.map(() => "---:").join(" | ")} |`,
    ...sizes.flatMap((r) => (["library", "raw"] as const).map((side) =>
      `| ${r.namespaces} | ${side} | ${PHASES.map(([name]) => (r[side].phases[name] === undefined ? "" : (r[side].phases[name] / r.raw.synthMs).toFixed(2))).join(" | ")} |`)),
    "",
    "The same in seconds, library − raw (the overhead by phase):",
    "",
    `| Namespaces | ${PHASES.map(([, label]) => label).join(" | ")} |`,
    `| ---: | ${PHASES.map(() => "---:").join(" | ")} |`,
    ...sizes.map((r) => { const d = overheadByPhase(r.library, r.raw); return `| ${r.namespaces} | ${PHASES.map(([name]) => s(d[name])).join(" | ")} |`; }),
    "",
    "## Targets",
    "",
    "| Target | Measured | |",
    "| --- | --- | --- |",
    ...checkTargets(sizes, cliFirstByteMs).map((c) => `| ${c.target} | ${c.measured} | ${c.met ? "met" : "**missed**"} |`),
    "",
    ...(checkoutCliMs.length > 0 ? [`From a checkout (\`node bin/…\`, tsx compiling the TypeScript on the fly) the CLI's first byte came after ${s(median(checkoutCliMs))} s (median of ${checkoutCliMs.length}).`, ""] : []),
    "![Synth time by phase, relative to the raw bindings, and peak RSS](chart.svg)",
    "",
  ];
  return lines.join("\n");
}

// ---- SVG chart (hand-written elements; no plotting dependency) ----

const PHASE_COLORS: Record<PhaseName, string> = {
  config: "#7c3aed", construct: "#2563eb", prepare: "#0891b2", resolve: "#059669",
  write: "#65a30d", ruleModel: "#d97706", rules: "#dc2626", reports: "#db2777",
};

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const num = (v: number) => (Math.round(v * 10) / 10).toString();
const rect = (x0: number, y0: number, w: number, h: number, fill: string, title?: string) =>
  `<rect x="${num(x0)}" y="${num(y0)}" width="${num(w)}" height="${num(h)}" fill="${fill}">${title ? `<title>${esc(title)}</title>` : ""}</rect>`;
const text = (x0: number, y0: number, body: string, anchor: "start" | "middle" | "end" = "start", extra = "") =>
  `<text x="${num(x0)}" y="${num(y0)}" text-anchor="${anchor}"${extra}>${esc(body)}</text>`;
const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, dash = false) =>
  `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}"${dash ? ' stroke-dasharray="4 3"' : ""}/>`;

interface Panel {
  readonly title: string;
  readonly max: number;
  readonly format: (v: number) => string;
  /** Appended to the tick values. */
  readonly unit: string;
  /** Bars of one size: stacked segments [value, color, label]. */
  readonly bars: (r: SizeSummary) => Array<{ label: string; segments: Array<[number, string, string]> }>;
  readonly target?: { value: number; label: string };
}

/** A round tick step (1, 2, 2.5 or 5 times a power of ten) of at least `rough`. */
export function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) as number) * power;
}

const PLOT = { width: 380, height: 220, top: 40, left: 60 };

function renderPanel(panel: Panel, sizes: readonly SizeSummary[], originX: number): string[] {
  const x0 = originX + PLOT.left;
  const y0 = PLOT.top;
  const yOf = (v: number) => y0 + PLOT.height - (PLOT.height * v) / panel.max;
  const out = [text(x0, 22, panel.title, "start", ' font-weight="bold"')];
  const step = niceStep(panel.max / 4);
  for (let t = 0; t * step <= panel.max; t++) {
    const v = step * t;
    if (t > 0) out.push(line(x0, yOf(v), x0 + PLOT.width, yOf(v), "#e5e5e5"));
    out.push(text(x0 - 6, yOf(v) + 4, `${+v.toFixed(2)}${panel.unit}`, "end"));
  }
  out.push(line(x0, y0, x0, y0 + PLOT.height, "#333"), line(x0, y0 + PLOT.height, x0 + PLOT.width, y0 + PLOT.height, "#333"));
  const group = PLOT.width / Math.max(sizes.length, 1);
  sizes.forEach((r, i) => {
    const bars = panel.bars(r);
    const barW = (group * 0.7) / bars.length;
    bars.forEach((bar, b) => {
      const bx = x0 + group * i + group * 0.15 + b * barW;
      let base = 0;
      for (const [value, color, label] of bar.segments) {
        out.push(rect(bx, yOf(base + value), barW - 2, yOf(base) - yOf(base + value), color, `${r.namespaces} namespaces, ${bar.label}: ${label} ${panel.format(value)}`));
        base += value;
      }
      out.push(text(bx + (barW - 2) / 2, y0 + PLOT.height + 14, bar.label, "middle", ' font-size="9"'));
    });
    out.push(text(x0 + group * (i + 0.5), y0 + PLOT.height + 28, String(r.namespaces), "middle"));
  });
  out.push(text(x0 + PLOT.width / 2, y0 + PLOT.height + 44, "namespaces", "middle"));
  if (panel.target && panel.target.value <= panel.max) {
    out.push(line(x0, yOf(panel.target.value), x0 + PLOT.width, yOf(panel.target.value), "#dc2626", true));
    out.push(text(x0 + PLOT.width, yOf(panel.target.value) - 4, panel.target.label, "end", ' fill="#dc2626"'));
  }
  return out;
}

/** Two panels: synth time by phase relative to the raw synth (with the overhead target), and peak RSS. */
export function renderSvgChart(sizes: readonly SizeSummary[]): string {
  const phaseSegments = (r: SizeSummary, side: "library" | "raw"): Array<[number, string, string]> =>
    PHASES.filter(([name]) => (r[side].phases[name] ?? 0) > 0).map(([name, , label]) => [(r[side].phases[name] as number) / r.raw.synthMs, PHASE_COLORS[name], label]);
  const maxRatio = Math.max(TARGETS.overhead, ...sizes.map((r) => r.library.synthMs / r.raw.synthMs)) * 1.1;
  const maxRss = Math.max(1, ...sizes.flatMap((r) => [r.library.maxRssBytes, r.raw.maxRssBytes]).map((b) => b / 1024 ** 2)) * 1.15;
  const panels: Panel[] = [
    {
      title: "Synth time ÷ raw bindings synth, by phase", max: maxRatio, format: (v) => `${v.toFixed(1)}×`, unit: "×",
      bars: (r) => [{ label: "lib", segments: phaseSegments(r, "library") }, { label: "raw", segments: phaseSegments(r, "raw") }],
      target: { value: TARGETS.overhead, label: `target ${TARGETS.overhead}×` },
    },
    {
      title: "Peak RSS (MB)", max: maxRss, format: (v) => v.toFixed(0), unit: "",
      bars: (r) => [{ label: "lib", segments: [[r.library.maxRssBytes / 1024 ** 2, "#2563eb", "library"]] }, { label: "raw", segments: [[r.raw.maxRssBytes / 1024 ** 2, "#a3a3a3", "raw bindings"]] }],
      target: { value: 1024, label: "1 GiB" },
    },
  ];
  const width = 2 * (PLOT.left + PLOT.width + 30);
  const legendY = PLOT.top + PLOT.height + 66;
  const legend = PHASES.map(([name, , label], i) => {
    const lx = PLOT.left + (i % 4) * 120;
    const ly = legendY + Math.floor(i / 4) * 18;
    return `${rect(lx, ly - 10, 10, 10, PHASE_COLORS[name])}${text(lx + 14, ly, label, "start", ' font-size="10"')}`;
  });
  const height = legendY + 2 * 18 + 4;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11" fill="#222">`,
    rect(0, 0, width, height, "#ffffff"),
    ...panels.flatMap((panel, p) => renderPanel(panel, sizes, p * (PLOT.left + PLOT.width + 30))),
    ...legend,
    "</svg>",
    "",
  ].join("\n");
}
