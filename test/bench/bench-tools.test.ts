// The benchmark's building blocks (the benchmark itself is `npm run bench`, not a test).
import * as fs from "node:fs";
import * as path from "node:path";
import { inflateSync } from "node:zlib";
import { App } from "cdktf";
import { Canvas, crc32 } from "../../bench/png";
import { generateEstate, SECTION_EMITTERS, WORKERS_PER_NAMESPACE } from "../../bench/generate";
import { planReplay, replayWithBindings, camelKeys } from "../../bench/raw-replay";
import { TemporalCloudStack } from "../../stacks/temporal-cloud-stack";
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
  test("configs of each size are accepted by the current schema with the default sections", () => {
    for (const size of [1, 10, 50]) {
      const config = resolve(generateEstate(size));
      expect(config.namespaces).toHaveLength(size);
      expect(config.namespaces.every((ns) => ns.workers.length === WORKERS_PER_NAMESPACE)).toBe(true);
    }
    const config = resolve(generateEstate(12));
    expect(new Set(config.namespaces.map((ns) => ns.apiKeyAuth))).toEqual(new Set([true, false]));
    expect(new Set(config.namespaces.map((ns) => ns.regions[0].split("-")[0]))).toEqual(new Set(["aws", "gcp"]));
  });

  test("sections not built yet are off by default and can be switched on by name", () => {
    expect(SECTION_EMITTERS.filter((e) => !e.enabledByDefault).map((e) => e.name)).toEqual(["endpoints", "ha"]);
    const withEndpoints = generateEstate(6, { sections: ["endpoints", "ha"] }).namespaces as Array<Record<string, unknown>>;
    expect(withEndpoints[0].connectivity).toBeDefined();
    expect(withEndpoints[0].ha).toMatchObject({ mode: "multi-region" });
    expect(withEndpoints[1].ha).toBeUndefined();
    expect(() => generateEstate(1, { sections: ["nope"] })).toThrow("unknown section(s) nope");
  });
});

describe("raw-bindings baseline", () => {
  test("replays the library's synthesized resources and outputs identically through binding classes", () => {
    const outdir = tempDir("tcg-bench-");
    const app = new App({ outdir: path.join(outdir, "lib") });
    new TemporalCloudStack(app, "bench", { config: resolve(generateEstate(6)) });
    app.synth();
    const libraryFile = path.join(outdir, "lib", "stacks", "bench", "cdk.tf.json");
    const library = JSON.parse(fs.readFileSync(libraryFile, "utf8"));
    replayWithBindings(planReplay(library), "bench", path.join(outdir, "raw"));
    const raw = JSON.parse(fs.readFileSync(path.join(outdir, "raw", "stacks", "bench", "cdk.tf.json"), "utf8"));
    const strip = (doc: { resource: Record<string, Record<string, Record<string, unknown>>> }) =>
      Object.fromEntries(Object.entries(doc.resource).map(([t, ids]) => [t, Object.fromEntries(Object.entries(ids).map(([id, { "//": _c, ...body }]) => [id, body]))]));
    expect(strip(raw)).toEqual(strip(library));
    expect(raw.output).toEqual(library.output);
    expect(Object.keys(library.resource.temporalcloud_namespace)).toHaveLength(6);
  });

  test("camelKeys converts schema names but keeps map keys", () => {
    expect(camelKeys({ retention_days: 1, tags: { cost_center: "x" }, namespace_lifecycle: { enable_delete_protection: true } })).toEqual({
      retentionDays: 1, tags: { cost_center: "x" }, namespaceLifecycle: { enableDeleteProtection: true },
    });
  });
});
