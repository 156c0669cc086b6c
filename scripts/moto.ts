// Local AWS API emulator for `npm run test:e2e:cloud`: moto's server mode from PyPI, pinned, installed into a
// venv in the toolchain cache (outside the repo) and reused when present. Only `--cloud` installs it.
//   tsx scripts/moto.ts   -> installs if needed; last line MOTO_PYTHON=<venv python>
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { toolchainDir } from "./toolchain";

export const MOTO_VERSION = "5.2.5";
/** `moto[server]` pulls in flask and the per-service extras the server needs. */
const REQUIREMENT = `moto[server]==${MOTO_VERSION}`;

export interface MotoInstall {
  readonly version: string;
  /** The venv's interpreter: the server runs as `<python> -m moto.server`. */
  readonly python: string;
  /** 0 when taken from the cache. */
  readonly installSeconds: number;
}

export function motoDir(root = toolchainDir()): string {
  return path.join(root, `moto-${MOTO_VERSION}`);
}

/** The installed venv's interpreter, or undefined when `--cloud` never installed it. */
export function installedMoto(root = toolchainDir()): string | undefined {
  const python = path.join(motoDir(root), "bin", "python");
  return fs.existsSync(path.join(motoDir(root), "installed")) && fs.existsSync(python) ? python : undefined;
}

function run(command: string, args: string[]): void {
  const res = spawnSync(command, args, { stdio: ["ignore", "inherit", "inherit"], encoding: "utf8" });
  if (res.error) throw new Error(`cannot run ${command}: ${res.error.message} (moto needs python3 ≥ 3.9 with the venv module)`);
  if (res.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${res.status}`);
}

/**
 * Installs moto into `<cache>/moto-<version>` unless present. The venv is built in a temporary folder and
 * renamed into place when complete (a venv run as `python -m` survives the rename), so a concurrent or
 * interrupted install never leaves a half-installed one that looks usable.
 */
export function ensureMoto(root = toolchainDir(), log: (m: string) => void = () => undefined): MotoInstall {
  const cached = installedMoto(root);
  if (cached) {
    log(`moto ${MOTO_VERSION}: cached (${motoDir(root)})`);
    return { version: MOTO_VERSION, python: cached, installSeconds: 0 };
  }
  const started = Date.now();
  const dir = motoDir(root);
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  log(`moto ${MOTO_VERSION}: installing ${REQUIREMENT} from PyPI into ${dir}`);
  run("python3", ["-m", "venv", tmp]);
  run(path.join(tmp, "bin", "python"), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", REQUIREMENT]);
  fs.writeFileSync(path.join(tmp, "installed"), `${REQUIREMENT}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(tmp, dir);
  } catch (err) {
    // Another run renamed its complete install first: that one is as good.
    if (!installedMoto(root)) throw err;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { version: MOTO_VERSION, python: path.join(dir, "bin", "python"), installSeconds: Math.round((Date.now() - started) / 1000) };
}

if (require.main === module) {
  const moto = ensureMoto(toolchainDir(), (m) => process.stderr.write(`moto: ${m}\n`));
  process.stdout.write(`MOTO_PYTHON=${moto.python}\n`);
}
