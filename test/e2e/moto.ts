// The local AWS API emulator of `npm run test:e2e:cloud`: moto's server mode (installed by scripts/moto.ts),
// one process per suite on a free loopback port, and the test configuration that points the real aws
// provider at it. The stacks themselves are not changed: an override file configures the provider.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createExistingNetwork, withIds } from "./moto-network";

/** Services the library's aws resources call (plus sts, which the provider asks for the account id). */
export const MOTO_SERVICES = ["ec2", "iam", "kinesis", "kms", "route53", "s3", "secretsmanager", "sts"] as const;

/** moto as a child process. Its log goes to a file: terraform runs synchronously, so a pipe would fill and block it. */
export class MotoProcess {
  static async start(python: string, timeoutMs = 90_000): Promise<MotoProcess> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tcg-moto-"));
    const logFile = path.join(dir, "moto.log");
    const fd = fs.openSync(logFile, "w");
    // Port 0: the server binds a free port and prints it ("Running on http://127.0.0.1:<port>").
    const child = spawn(python, ["-m", "moto.server", "-H", "127.0.0.1", "-p", "0"], { stdio: ["ignore", fd, fd], env: { ...process.env, PYTHONUNBUFFERED: "1" } });
    fs.closeSync(fd);
    const moto = new MotoProcess(child, dir, logFile);
    const started = Date.now();
    for (;;) {
      const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(moto.log());
      if (m) {
        moto.endpoint = m[1];
        return moto;
      }
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`moto exited (${child.exitCode ?? child.signalCode}) before listening:\n${moto.log()}`);
      if (Date.now() - started > timeoutMs) {
        await moto.stop();
        throw new Error(`moto did not listen within ${timeoutMs / 1000} s:\n${moto.log()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** `http://127.0.0.1:<port>`. */
  endpoint = "";

  /** Config id → moto id of the workers' existing network (test/e2e/moto-network.ts). */
  private networkIds = new Map<string, string>();

  /** Creates, in moto, the existing VPCs, subnets and security groups the stack names. */
  async createNetworkFor(stack: object): Promise<void> {
    for (const [from, to] of await createExistingNetwork(this.endpoint, stack as Record<string, unknown>)) if (!this.networkIds.has(from)) this.networkIds.set(from, to);
  }

  /** The stack as it is written for this account: the config's network ids replaced by moto's. */
  inAccount<T>(stack: T): T {
    return withIds(stack, this.networkIds);
  }

  private constructor(private readonly child: ChildProcess, private readonly dir: string, private readonly logFile: string) {}

  /** Last lines of moto's log: one line per request (method, path, status), never a body. */
  log(lines = 60): string {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, "utf8").split("\n").slice(-lines).join("\n") : "";
  }

  /** Environment for terraform: placeholder credentials, no instance metadata, and moto for any service not listed. */
  env(): NodeJS.ProcessEnv {
    return {
      AWS_ACCESS_KEY_ID: "moto-placeholder",
      AWS_SECRET_ACCESS_KEY: "moto-placeholder",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_ENDPOINT_URL: this.endpoint,
      AWS_PROFILE: "",
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
        this.child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        this.child.kill("SIGTERM");
      });
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

type ProviderConfig = Record<string, unknown> & { alias?: string };

/**
 * `aws_override.tf.json` for a stack: every aws provider configuration it declares (matched by alias, as
 * Terraform merges override files) gets moto's endpoints, placeholder credentials and the skip_* flags that
 * keep the provider from reaching AWS. Region and everything else the stack sets stay as synthesized.
 */
export function awsOverride(stack: { provider?: Record<string, unknown> }, endpoint: string): object | undefined {
  const configs = (stack.provider?.aws ?? []) as ProviderConfig[];
  if (configs.length === 0) return undefined;
  const endpoints = Object.fromEntries(MOTO_SERVICES.map((s) => [s, endpoint]));
  return {
    provider: {
      aws: configs.map((c) => ({
        ...(c.alias ? { alias: c.alias } : {}),
        access_key: "moto-placeholder",
        secret_key: "moto-placeholder",
        skip_credentials_validation: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        s3_use_path_style: true,
        endpoints: [endpoints],
      })),
    },
  };
}

/**
 * One JSON-protocol call to moto (Secrets Manager, KMS, Kinesis, …). moto routes by the credential scope of
 * the Authorization header and does not check signatures, so the header names the service and nothing more.
 */
export async function awsJson(endpoint: string, service: string, target: string, body: object, region = "us-east-1"): Promise<Record<string, unknown>> {
  const res = await fetch(`${endpoint}/`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": target,
      Authorization: `AWS4-HMAC-SHA256 Credential=moto-placeholder/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  // The error body names the exception, never a secret value.
  if (!res.ok) throw new Error(`${target} ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The AWSCURRENT `SecretString` of a secret, as a worker reading it would get it. */
export async function currentSecretString(endpoint: string, secretId: string, region = "us-east-1"): Promise<string> {
  const out = await awsJson(endpoint, "secretsmanager", "secretsmanager.GetSecretValue", { SecretId: secretId }, region);
  if (typeof out.SecretString !== "string") throw new Error(`GetSecretValue of ${secretId}: no SecretString`);
  return out.SecretString;
}
