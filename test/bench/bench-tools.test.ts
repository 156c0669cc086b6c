// The benchmark's building blocks (the benchmark itself is `npm run bench`, not a test).
import * as fs from "node:fs";
import * as path from "node:path";
import { inflateSync } from "node:zlib";
import { Canvas, crc32 } from "../../bench/png";
import { generateEstate, HA_EVERY, SECTION_EMITTERS, WORKERS_PER_NAMESPACE } from "../../bench/generate";
import { planReplay, replayWithBindings, camelKeys } from "../../bench/raw-replay";
import { synthesizeEstate } from "../../lib/estate/synth";
import { resolve, tempDir } from "../helpers";

describe("PNG encoder", () => {
  test("CRC-32 matches the PNG IEND chunk's well-known CRC", () => {
    expect(crc32(Buffer.from("IEND", "ascii"))).toBe(0xae426082);
  });

  test("writes a PNG whose IHDR and pixel rows decode back to what was drawn", () => {
    const canvas = new Canvas(3, 2, [255, 255, 255]);
    canvas.setPixel(1, 0, [10, 20, 30]);
    canvas.fillRect(0, 1, 2, 1, [200, 0, 0]);
    const png = canvas.toPng();
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect(png.readUInt32BE(16)).toBe(3);
    expect(png.readUInt32BE(20)).toBe(2);
    const idatAt = png.indexOf("IDAT");
    const idat = png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4));
    const rows = inflateSync(idat);
    expect([...rows]).toEqual([0, 255, 255, 255, 10, 20, 30, 255, 255, 255, 0, 200, 0, 0, 200, 0, 0, 255, 255, 255]);
    expect(png.subarray(png.length - 8, png.length - 4).toString("ascii")).toBe("IEND");
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
