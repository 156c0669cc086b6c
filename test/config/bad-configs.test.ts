// The bad-config corpus: every file in bad-configs/ is one mistake a user makes. Each must exit 1 with a
// problem at the stated config path that echoes the value and says the fix, with no stack trace and
// nothing written to --out. YAML and .ts files carry their expectations in their header comments.
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { tempDir } from "../helpers";

const CORPUS = path.join(__dirname, "bad-configs");

interface Expectation {
  readonly mistake: string;
  readonly path: string;
  /** Text of the value the message must echo; "-" when the mistake is a missing value. */
  readonly value: string;
  readonly fix: string;
}

/** Files that cannot carry comments. */
const MANIFEST: Record<string, Expectation> = {
  "json-syntax-error.json": { mistake: "a trailing comma in JSON", path: "(config)", value: "line 3, column 27", fix: "cannot be parsed as JSON" },
  "json-truncated.json": { mistake: "a JSON file cut off", path: "(config)", value: "line 4, column 1", fix: "cannot be parsed as JSON" },
  "json-deep-nesting.json": { mistake: "5,000 levels of JSON nesting", path: "namespaces[0][0][0]", value: "-", fix: "check the brackets or indentation" },
  "json-top-level-number.json": { mistake: "a JSON number as config", path: "(config)", value: "42", fix: "write it as keys such as namespaces:" },
  "json-empty.json": { mistake: "an empty JSON file", path: "(config)", value: "-", fix: "needs at least a namespaces: list" },
  "json-retention-string.json": { mistake: "a number written as a JSON string", path: "namespaces[0].retentionDays", value: '"7"', fix: "write a number" },
  "a-directory.yaml": { mistake: "--config naming a directory", path: "(config)", value: "a-directory.yaml", fix: "pass --config with a file" },
};

function expectationOf(file: string): Expectation {
  if (MANIFEST[file]) return MANIFEST[file];
  const header: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(CORPUS, file), "utf8").split("\n")) {
    const m = /^(?:#|\/\/) (mistake|path|value|fix): (.*)$/.exec(line);
    if (!m) break;
    header[m[1]] = m[2];
  }
  if (!header.mistake || !header.path || !header.value || !header.fix) throw new Error(`${file}: header lacks mistake/path/value/fix`);
  return header as unknown as Expectation;
}

const files = fs.readdirSync(CORPUS).filter((f) => f !== "certs").sort();

async function synthCli(config: string) {
  const out = path.join(tempDir(), "out");
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(["synth", "--config", config, "--out", out], { out: (t) => stdout.push(t), err: (t) => stderr.push(t) });
  return { code, out, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?/;

describe("bad-config corpus", () => {
  it("holds at least 80 mistakes, each with its expectations", () => {
    expect(files.length).toBeGreaterThanOrEqual(80);
    for (const file of files) expect(expectationOf(file).mistake).not.toBe("");
  });

  it.each(files)("%s", async (file) => {
    const want = expectationOf(file);
    const result = await synthCli(path.join(CORPUS, file));
    expect(result.stderr).not.toMatch(/Internal error/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.code).toBe(1);
    expect(fs.existsSync(result.out)).toBe(false);
    const lines = result.stderr.split("\n").filter((l) => l.startsWith(`  ${want.path}: `));
    expect({ file, path: want.path, lines: lines.length > 0 ? "found" : result.stderr }).toEqual({ file, path: want.path, lines: "found" });
    const matching = lines.filter((l) => (want.value === "-" || l.includes(want.value)) && l.includes(want.fix));
    expect({ file, value: want.value, fix: want.fix, matching: matching.length > 0 ? "found" : lines }).toEqual({ file, value: want.value, fix: want.fix, matching: "found" });
  });

  it("caps a 5 MB value in the message instead of echoing it", async () => {
    const dir = tempDir();
    const file = path.join(dir, "huge.yaml");
    fs.writeFileSync(file, `namespaces:\n  - name: ${"x".repeat(5_000_000)}\n    environment: development\n    regions: [aws-us-east-1]\n    auth: {apiKey: true}\n`);
    const result = await synthCli(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/namespaces\[0\]\.name: "x{20,}"\.\.\. \(5000000 characters\) is 5000000 characters; namespace names must be 2 to 64 characters/);
    expect(result.stderr.length).toBeLessThan(1000);
  });

  it("accepts a valid config that reuses one anchor 100 times", async () => {
    const dir = tempDir();
    const file = path.join(dir, "reuse.yaml");
    const namespaces = Array.from({ length: 100 }, (_, i) => `  - {name: ns-${i}, environment: development, regions: *r, auth: *a, tags: *t}`);
    fs.writeFileSync(file, `defaults:\n  regions: &r [aws-us-east-1]\n  auth: &a {apiKey: true}\nx: &t {team: orders}\nnamespaces:\n${namespaces.join("\n")}\n`.replace("x: &t {team: orders}\n", ""));
    const text = fs.readFileSync(file, "utf8").replace(/, tags: \*t/g, "");
    fs.writeFileSync(file, text);
    const { readConfigDocument } = await import("../../lib/config/load");
    const { safeParseConfig } = await import("../../lib/config/parse");
    const result = safeParseConfig(readConfigDocument(file), { baseDir: dir });
    expect(result.ok).toBe(true);
  });
});
