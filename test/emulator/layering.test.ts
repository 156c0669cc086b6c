// The emulator is its own layer: only the CLI's emulator command loads it, lazily, so importing the
// library (or running synth) never loads gRPC or the protos.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../helpers";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

test("outside lib/emulator only the emulator command refers to it, and only through require()", () => {
  const users = sources(path.join(REPO_ROOT, "lib"))
    .map((f) => path.relative(REPO_ROOT, f))
    .filter((f) => !f.startsWith(`lib${path.sep}emulator${path.sep}`))
    .filter((f) => /["'][./]+emulator(?:\/[a-z-]+)?["']/.test(fs.readFileSync(path.join(REPO_ROOT, f), "utf8")));
  expect(users).toEqual(["lib/cli/emulator-command.ts"]);
  const command = fs.readFileSync(path.join(REPO_ROOT, "lib/cli/emulator-command.ts"), "utf8");
  expect(command).not.toMatch(/^import [^t].*emulator/m);
});

test("importing the library root loads neither grpc-js nor the Cloud API protos", () => {
  const script = `
require("tsx/cjs/api").register();
require("./lib/index.ts");
require("./lib/cli/commands.ts");
const loaded = Object.keys(require.cache).filter((f) => /@grpc[\\\\/]grpc-js|@temporalio[\\\\/]proto|lib[\\\\/]emulator/.test(f));
console.log(JSON.stringify(loaded));`;
  const out = execFileSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual([]);
}, 60_000);
