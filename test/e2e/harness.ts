// End-to-end harness: real terraform with the providers `npm run providers` built, in a scratch folder per
// stack, against the local Temporal Cloud emulator. Every failure carries terraform's output and the
// emulator's log.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readManifest, type ToolchainManifest } from "../../scripts/toolchain";
import { REPO_ROOT } from "../helpers";
import { formatDiagnostic, terraform, type Diagnostic, type TerraformRun } from "../terraform/terraform";
import { awsOverride, type MotoProcess } from "./moto";

export function toolchain(): ToolchainManifest {
  const manifest = readManifest();
  if (!manifest) throw new Error("no provider toolchain: run `npm run providers` first (it writes the manifest the e2e suite reads)");
  return manifest;
}

export const ACCOUNT_ID = "a1b2c";
export const BOOTSTRAP_KEY = "e2e-bootstrap-key";

/** The emulator as a child process (the CLI command users run), with its log kept for failure reports. */
export class EmulatorProcess {
  /** `bootstrapKey`: the account owner's key (another one after a restart makes the old one worthless). */
  static async start(stateFile: string, bootstrapKey = BOOTSTRAP_KEY): Promise<EmulatorProcess> {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "temporal-cloud-guardrails.js"), "emulator", "--port", "0", "--state", stateFile, "--account-id", ACCOUNT_ID], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TEMPORAL_CLOUD_EMULATOR_BOOTSTRAP_KEY: bootstrapKey },
    });
    const emulator = new EmulatorProcess(child, bootstrapKey);
    emulator.address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`emulator did not start in 30 s:\n${emulator.log()}`)), 30_000);
      child.on("exit", (code) => reject(new Error(`emulator exited with ${code} before listening:\n${emulator.log()}`)));
      child.stdout.on("data", () => {
        const text = emulator.output.join("");
        const m = /^listening on (127\.0\.0\.1:\d+)$/m.exec(text);
        const admin = /^admin on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(text);
        if (m && admin) {
          clearTimeout(timer);
          emulator.adminUrl = admin[1];
          resolve(m[1]);
        }
      });
    });
    return emulator;
  }

  address = "";
  /** The admin endpoint that moves the emulator's clock. */
  adminUrl = "";
  private readonly output: string[] = [];

  private constructor(private readonly child: ChildProcess, private readonly bootstrapKey: string) {
    child.stdout?.on("data", (d: Buffer) => this.output.push(d.toString()));
    child.stderr?.on("data", (d: Buffer) => this.output.push(d.toString()));
  }

  log(): string {
    return this.output.join("").split("\n").slice(-80).join("\n");
  }

  env(): NodeJS.ProcessEnv {
    return { TEMPORAL_CLOUD_ENDPOINT: this.address, TEMPORAL_CLOUD_ALLOW_INSECURE: "true", TEMPORAL_CLOUD_API_KEY: this.bootstrapKey };
  }

  /** Sets the emulator's clock to `at` (ms since the epoch) through its admin endpoint. */
  async setClock(at: number): Promise<void> {
    const res = await fetch(`${this.adminUrl}/clock`, { method: "POST", body: JSON.stringify({ now: new Date(at).toISOString() }) });
    if (!res.ok) throw new Error(`emulator clock: ${res.status} ${await res.text()}`);
  }

  /** Adds a group as the identity provider would over SCIM (the account's existing groups). */
  async seedScimGroup(idpId: string): Promise<void> {
    const res = await fetch(`${this.adminUrl}/scim-groups`, { method: "POST", body: JSON.stringify({ idpId }) });
    if (!res.ok) throw new Error(`emulator scim group: ${res.status} ${await res.text()}`);
  }

  /** Seeds every SCIM group the stack looks up by a literal `idp_id`: in a real account the IdP made them. */
  async seedScimGroupsOf(stack: object): Promise<void> {
    const data = (stack as { data?: Record<string, unknown> }).data;
    const lookups = (data?.temporalcloud_scim_group ?? {}) as Record<string, { idp_id?: unknown }>;
    for (const { idp_id } of Object.values(lookups)) if (typeof idp_id === "string" && !idp_id.includes("${")) await this.seedScimGroup(idp_id);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }
}

export class TerraformFailure extends Error {}

/** Without the emulator, plans of fresh stacks still run: a closed loopback port (regions then go unchecked). */
const NO_EMULATOR_ENV = { TEMPORAL_CLOUD_ENDPOINT: "127.0.0.1:9", TEMPORAL_CLOUD_ALLOW_INSECURE: "true", TEMPORAL_CLOUD_API_KEY: "e2e-placeholder" };

/** A scratch working directory holding one synthesized stack, its state and terraform's plugin folder. */
export class Workspace {
  readonly dir: string;
  private readonly log: string[] = [];

  /** `moto`: the stack's aws provider configurations are pointed at it (an override file; test configuration). */
  /**
   * `dir`: the workspace folder (a split estate's stacks are siblings, `<parent>/<stack>/`, so each
   * stack's state lands where the others' terraform_remote_state reads it: `../<stack>/terraform.<stack>.tfstate`).
   */
  /** The API key terraform's temporalcloud provider uses; default: the emulator's bootstrap key. */
  apiKey?: string;

  constructor(readonly name: string, stackJson: object, public emulator?: EmulatorProcess, private readonly moto?: MotoProcess, dir?: string) {
    this.dir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `tcg-e2e-${name}-`));
    fs.mkdirSync(this.dir, { recursive: true });
    this.write(stackJson);
    // State stays in the scratch folder whatever backend the stack declares (an override file replaces it).
    const state = dir ? path.join(this.dir, `terraform.${name}.tfstate`) : path.join(this.dir, "terraform.tfstate");
    fs.writeFileSync(path.join(this.dir, "backend_override.tf.json"), JSON.stringify({ terraform: { backend: { local: { path: state } } } }));
  }

  write(synthesized: object): void {
    const stackJson = this.moto ? this.moto.inAccount(synthesized) : synthesized;
    fs.writeFileSync(path.join(this.dir, "cdk.tf.json"), JSON.stringify(stackJson, null, 2));
    const aws = this.moto && awsOverride(stackJson, this.moto.endpoint);
    if (aws) fs.writeFileSync(path.join(this.dir, "aws_override.tf.json"), JSON.stringify(aws, null, 2));
  }

  stack(): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(path.join(this.dir, "cdk.tf.json"), "utf8")) as Record<string, unknown>;
  }

  /** Runs terraform; `accept` lists the exit codes that are not a failure. */
  run(args: string[], accept: number[] = [0]): TerraformRun {
    const result = terraform(this.dir, args, toolchain().cliConfig, { ...(this.emulator?.env() ?? NO_EMULATOR_ENV), ...this.moto?.env(), ...(this.apiKey ? { TEMPORAL_CLOUD_API_KEY: this.apiKey } : {}) });
    this.log.push(`$ terraform ${args.join(" ")}  (exit ${result.status})\n${result.stdout}\n${result.stderr}`);
    if (!accept.includes(result.status ?? -1)) throw this.failure(`terraform ${args.join(" ")} exited ${result.status}`);
    return result;
  }

  failure(message: string): TerraformFailure {
    const emulatorLog = this.emulator ? `\n--- emulator log (last lines) ---\n${this.emulator.log()}` : "";
    const motoLog = this.moto ? `\n--- moto log (last lines) ---\n${this.moto.log(30)}` : "";
    return new TerraformFailure(`${this.name}: ${message}\n--- terraform output ---\n${this.log.slice(-3).join("\n")}${emulatorLog}${motoLog}`);
  }

  init(): void {
    this.run(["init", "-input=false", "-no-color"]);
  }

  /** `terraform validate -json` diagnostics (errors do not throw: callers decide). */
  validate(): Diagnostic[] {
    const out = this.run(["validate", "-json", "-no-color"], [0, 1]).stdout;
    return (JSON.parse(out) as { diagnostics: Diagnostic[] }).diagnostics;
  }

  /** Plans into `plan.bin` and returns `terraform show -json` of it. */
  plan(extra: string[] = []): PlanJson {
    this.run(["plan", "-input=false", "-no-color", "-out=plan.bin", ...extra]);
    return JSON.parse(this.run(["show", "-json", "plan.bin"]).stdout) as PlanJson;
  }

  apply(): void {
    this.run(["apply", "-input=false", "-no-color", "-auto-approve", "plan.bin"]);
  }

  /** Exit code of `plan -detailed-exitcode`: 0 no changes, 2 changes. */
  replan(extra: string[] = []): number {
    return this.run(["plan", "-input=false", "-no-color", "-detailed-exitcode", ...extra], [0, 2]).status ?? -1;
  }

  errorsOf(diagnostics: Diagnostic[]): string[] {
    return diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ResourceChange {
  address: string;
  type: string;
  change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null; replace_paths?: unknown[] };
}

export interface PlanJson {
  resource_changes?: ResourceChange[];
}

/** Planned changes other than no-ops and reads, as `address: action,action`. */
export function changesOf(plan: PlanJson): string[] {
  return (plan.resource_changes ?? [])
    .filter((c) => !c.change.actions.every((a) => a === "no-op" || a === "read"))
    .map((c) => `${c.address}: ${c.change.actions.join(",")}`)
    .sort();
}
