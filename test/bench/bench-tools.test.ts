// The benchmark's building blocks (the benchmark itself is `npm run bench`, not a test).
import * as fs from "node:fs";
import * as path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { checkTargets, median, overheadByPhase, PHASES, renderMarkdown, renderSvgChart, summarize, TARGETS, type Measurement, type Phases, type SizeRuns } from "../../bench/report";
import { generateEstate, HA_EVERY, SECTION_EMITTERS, WORKERS_PER_NAMESPACE } from "../../bench/generate";
import { planReplay, replayWithBindings, camelKeys } from "../../bench/raw-replay";
import { synthesizeEstate } from "../../lib/estate/synth";
import { resolve, tempDir } from "../helpers";

const measurement = (mode: "library" | "raw", synthMs: number, phases: Phases, rss = 100 * 1024 ** 2): Measurement =>
  ({ mode, importMs: 0, synthMs, synthWallMs: synthMs * 1.5, maxRssBytes: rss, resources: 10, stackFile: "x", processMs: synthMs + 300, phases });

/** A size with pairs whose library phases add up to its synth time (as child.ts measures them). */
function sizeRuns(namespaces: number, pairs: Array<[number, number]>): SizeRuns {
  const lib = (ms: number) => measurement("library", ms, { config: ms * 0.1, construct: ms * 0.3, prepare: ms * 0.2, resolve: ms * 0.2, write: ms * 0.05, ruleModel: ms * 0.05, rules: ms * 0.05, reports: ms * 0.05 });
  const raw = (ms: number) => measurement("raw", ms, { construct: ms * 0.25, prepare: ms * 0.35, resolve: ms * 0.35, write: ms * 0.05 });
  return { namespaces, library: pairs.map(([l]) => lib(l)), raw: pairs.map(([, r]) => raw(r)), sameResources: true };
}

describe("bench report", () => {
  test("overhead is the median of the paired ratios; times are each side's fastest run", () => {
    const summary = summarize(sizeRuns(100, [[3000, 2000], [2400, 2000], [6000, 3000]]));
    expect(summary.overhead).toBeCloseTo(1.5); // ratios 1.5, 1.2, 2.0
    expect(summary.overheadRange).toEqual([1.2, 2]);
    expect(summary.library.synthMs).toBe(2400);
    expect(summary.raw.synthMs).toBe(2000);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => summarize({ ...sizeRuns(1, [[1, 1]]), raw: [] })).toThrow("paired");
  });

  test("overhead by phase is library minus raw, library-only phases counted whole", () => {
    const { library, raw } = summarize(sizeRuns(10, [[1000, 500]]));
    const byPhase = overheadByPhase(library, raw);
    expect(byPhase.config).toBeCloseTo(100);
    expect(byPhase.construct).toBeCloseTo(300 - 125);
    expect(byPhase.resolve).toBeCloseTo(200 - 175);
    expect(Object.values(byPhase).reduce((a, b) => a + b, 0)).toBeCloseTo(1000 - 500);
  });

  test("the overhead target is 1.5× at 100 namespaces, and the verdicts follow the measurements", () => {
    expect(TARGETS.overhead).toBe(1.5);
    const met = checkTargets([summarize(sizeRuns(100, [[1500, 1000]]))], [500]);
    expect(met.find((c) => c.target.includes("100 namespaces, CPU time, median"))).toMatchObject({ measured: "1.50×", met: true });
    const missed = checkTargets([summarize(sizeRuns(100, [[1510, 1000]])), summarize(sizeRuns(500, [[9000, 5000]]))], [2500, 100, 300]);
    expect(missed.filter((c) => !c.met).map((c) => c.measured)).toEqual(["1.51×", "1.80×", "5.96"]);
    expect(missed.find((c) => c.target.startsWith("CLI"))).toMatchObject({ measured: "0.30 s", met: true });
  });

  test("the Markdown has a row per size, phase rows as multiples of the raw synth that sum to the overhead, and the targets", () => {
    const sizes = [summarize(sizeRuns(1, [[80, 40]])), summarize(sizeRuns(100, [[3000, 2000]]))];
    const md = renderMarkdown(sizes, [400], { environment: "env", method: ["method"], repeat: 1 });
    expect(md).toContain("| 100 | 10 | 1.50× (1.50–1.50) | 1.50× | 3.00 | 2.00 | 4.50 | 3.00 |");
    const libraryRow = md.split("\n").find((l) => l.startsWith("| 100 | library |")) as string;
    const cells = libraryRow.split("|").slice(3, -1).map(Number);
    expect(cells).toHaveLength(PHASES.length);
    expect(cells.reduce((a, b) => a + b, 0)).toBeCloseTo(1.5, 1); // cells are rounded to 0.01
    const rawRow = md.split("\n").find((l) => l.startsWith("| 100 | raw |")) as string;
    expect(rawRow.split("|").slice(3, -1).map(Number).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(md).toContain("![Synth time by phase, relative to the raw bindings, and peak RSS](chart.svg)");
    expect(md).toMatch(/\| library synth ≤ 1\.5× raw bindings synth \(100 namespaces, CPU time, median of pairs\) \| 1\.50× \| met \|/);
    expect(md).not.toContain("From a checkout");
    const withCheckout = renderMarkdown(sizes, [400], { environment: "env", method: ["method"], repeat: 1 }, [5000, 4000, 9000]);
    expect(withCheckout).toContain("the CLI's first byte came after 5.00 s (median of 3)");
    expect(withCheckout).toMatch(/CLI start → first byte of output < 2 s \(compiled package, default example, median of 1\) \| 0\.40 s \| met/);
  });

  test("the SVG chart is well-formed, stacks one segment per measured phase and draws the target line", () => {
    const sizes = [summarize(sizeRuns(10, [[900, 600]])), summarize(sizeRuns(100, [[3000, 1000]]))];
    const svg = renderSvgChart(sizes);
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg).svg;
    const rects = (doc.rect as Array<{ height: string; title?: string }>).filter((r) => r.title);
    // per size: 8 library phases + 4 raw phases, and one bar per side in the RSS panel
    expect(rects).toHaveLength(2 * (8 + 4 + 2));
    const heightOf = (title: string) => Number((rects.find((r) => r.title === title) as { height: string }).height);
    // construct is 0.3 of 3000 ms = 0.9× raw at 100 namespaces, 0.3 of 900 = 0.45× at 10: twice the height
    expect(heightOf("100 namespaces, lib: construct tree 0.9×") / heightOf("10 namespaces, lib: construct tree 0.5×")).toBeCloseTo(2, 1);
    const texts = (doc.text as Array<{ "#text": string }>).map((t) => t["#text"]);
    expect(texts).toContain("target 1.5×");
    expect(texts).not.toContain("1 GiB"); // 100 MB peaks: the 1 GiB line is above the scale
  });
});

describe("estate generator", () => {
  test("configs of each size pass the config validation, with mixed auth on both clouds", () => {
    for (const size of [1, 10, 50]) {
      const config = resolve(generateEstate(size));
      expect(config.namespaces).toHaveLength(size);
      expect(config.namespaces.every((ns) => ns.workers.length === WORKERS_PER_NAMESPACE)).toBe(true);
    }
    const config = resolve(generateEstate(24));
    expect(new Set(config.namespaces.flatMap((ns) => ns.workers.map((w) => w.auth)))).toEqual(new Set(["apiKey", "mtls"]));
    expect(new Set(config.namespaces.map((ns) => ns.regions[0].split("-")[0]))).toEqual(new Set(["aws", "gcp"]));
    expect(new Set(config.namespaces.map((ns) => ns.environment))).toEqual(new Set(["production", "staging", "development"]));
  });

  test("production is private-only, staging private and public, development public; endpoints shared per region and VPC", () => {
    const namespaces = generateEstate(40).namespaces as Array<Record<string, any>>;
    const production = namespaces.filter((ns) => ns.environment === "production");
    expect(production.every((ns) => (ns.connectivity?.aws || ns.connectivity?.gcp) && !ns.connectivity.publicAccess)).toBe(true);
    expect(namespaces.filter((ns) => ns.environment === "staging").every((ns) => ns.connectivity?.publicAccess === true)).toBe(true);
    expect(namespaces.filter((ns) => ns.environment === "development").every((ns) => ns.connectivity === undefined)).toBe(true);
    const awsVpcs = production.flatMap((ns) => [ns.connectivity.aws ?? []].flat().map((e: { vpcId: string; region: string }) => `${e.region}|${e.vpcId}`));
    expect(new Set(awsVpcs).size).toBeLessThan(awsVpcs.length / 2);
    expect(production.some((ns) => ns.connectivity.gcp)).toBe(true);
  });

  test("HA on critical production namespaces only, with a private endpoint in the replica region", () => {
    const namespaces = generateEstate(40).namespaces as Array<Record<string, any>>;
    const ha = namespaces.filter((ns) => ns.ha);
    expect(ha.length).toBe(40 / HA_EVERY);
    for (const ns of ha) {
      expect(ns).toMatchObject({ environment: "production", critical: true });
      const regions = [...[ns.connectivity.aws ?? []].flat(), ...[ns.connectivity.gcp ?? []].flat()].map((e: { region: string }) => e.region);
      expect(regions).toEqual(expect.arrayContaining([ns.regions[0], ns.ha.replica]));
    }
  });

  test("mTLS namespaces share a few generated CAs, each within one environment", () => {
    const estate = generateEstate(100);
    const cas = estate.certificateAuthorities as Array<{ name: string; generated?: object }>;
    expect(cas.length).toBeGreaterThan(1);
    expect(cas.every((ca) => ca.generated)).toBe(true);
    const namespaces = estate.namespaces as Array<Record<string, any>>;
    for (const ca of cas) {
      const users = namespaces.filter((ns) => ns.auth.mtls?.ca === ca.name);
      expect(users.length).toBeGreaterThan(1);
      expect(new Set(users.map((ns) => ns.environment)).size).toBe(1);
    }
  });

  test("sections are on by default and can be switched off by name", () => {
    expect(SECTION_EMITTERS.filter((e) => !e.enabledByDefault)).toEqual([]);
    const bare = generateEstate(6, { sections: ["workers"] });
    expect(bare.backend).toBeUndefined();
    expect((bare.namespaces as Array<Record<string, unknown>>).every((ns) => ns.connectivity === undefined && ns.ha === undefined)).toBe(true);
    expect(generateEstate(6).backend).toMatchObject({ type: "s3" });
    expect(() => generateEstate(1, { sections: ["nope"] })).toThrow("unknown section(s) nope");
  });
});

describe("raw-bindings baseline", () => {
  test("a generated estate passes the compliance rules, and the raw replay of its stack is identical", () => {
    const outdir = tempDir("tcg-bench-");
    const result = synthesizeEstate({ config: resolve(generateEstate(12)), outdir: path.join(outdir, "lib") });
    expect(result.compliance.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.blocked).toBe(false);
    const library = JSON.parse(fs.readFileSync(result.stackFile, "utf8"));
    replayWithBindings(planReplay(library), result.stackName, path.join(outdir, "raw"));
    const raw = JSON.parse(fs.readFileSync(path.join(outdir, "raw", "stacks", result.stackName, "cdk.tf.json"), "utf8"));
    const strip = (doc: { resource: Record<string, Record<string, Record<string, unknown>>> }) =>
      Object.fromEntries(Object.entries(doc.resource).map(([t, ids]) => [t, Object.fromEntries(Object.entries(ids).map(([id, { "//": _c, ...body }]) => [id, body]))]));
    expect(strip(raw)).toEqual(strip(library));
    expect(raw.output).toEqual(library.output);
    expect(Object.keys(library.resource.temporalcloud_namespace)).toHaveLength(12);
    for (const type of ["temporalcloud_apikey", "tls_locally_signed_cert", "aws_vpc_endpoint", "google_compute_forwarding_rule", "temporalcloud_account_audit_log_sink", "terraform_data"]) {
      expect(Object.keys(library.resource[type] ?? {}).length).toBeGreaterThan(0);
    }
  });

  test("camelKeys converts schema names but keeps map keys", () => {
    expect(camelKeys({ retention_days: 1, tags: { cost_center: "x" }, namespace_lifecycle: { enable_delete_protection: true } })).toEqual({
      retentionDays: 1, tags: { cost_center: "x" }, namespaceLifecycle: { enableDeleteProtection: true },
    });
  });
});
