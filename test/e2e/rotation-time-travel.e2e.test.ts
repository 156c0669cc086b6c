// Proof (b) of rotation: time travel through REAL `terraform apply` runs against the emulator. One stack holds
// a rotating mTLS CA shared by two namespaces that accept its bundle, a client certificate for a worker of
// each, and a worker's rotating API key. Before every apply the clock moves for everything that reads one:
// - the rotation generations: `-var rotation_clock=<virtual now>`;
// - the emulator (API-key expiry, authentication, the CA bundle check): its admin clock;
// - the tls provider's renewal decision (it reads the real clock against `validity_end_time` in state): the
//   certificates' recorded validity in the state file is shifted by the virtual offset, which is what the
//   provider compares (its Read and ModifyPlan read state, never the PEM).
// After every apply the test asserts from the emulator and the real state: a valid credential at all times
// (lagging workers included), the current credential is the newest, an empty re-plan, replacements created
// before what they replace is destroyed, and the replay simulator's prediction for the same clock.
//
// The API key's secret is an AWS Secrets Manager version. `npm run test:e2e` (CI) has no aws provider: the
// applied stack replaces the AWS resources by a `terraform_data` holding the secret version's value
// expression verbatim (replaced whenever the value changes, as a secret version is). `npm run test:e2e:cloud`
// applies the stack unchanged with the real aws provider against moto, and after each apply reads the
// secret's AWSCURRENT value from moto, as a worker would, and authenticates with its `current` key.
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { CloudOperationsClient, CloudOperationsConnection } from "@temporalio/cloud";
import { RotatingCa } from "../../lib/constructs/rotating-ca";
import { ClientCertificate, clientCommonName } from "../../lib/constructs/client-certificate";
import { SecureNamespace } from "../../lib/constructs/secure-namespace";
import { ServiceAccountPerWorker } from "../../lib/constructs/service-account-per-worker";
import { RotatingApiKey } from "../../lib/constructs/rotating-api-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformReplay, type StackJson as ReplayJson } from "../../lib/analysis/terraform-replay";
import { EmulatorProcess, toolchain, Workspace } from "./harness";
import { currentSecretString, MotoProcess } from "./moto";
import { awsPinNote } from "./aws";
import { synthConstructStack, type StackJson } from "./stacks";
import { completions, iso, stateObjects, withAws, withoutAws, type StateFile } from "./rotation-support";
import { Environment } from "../../lib/domain/environments";

const DAY = 86_400;
const LAG = DAY; // workers re-read their credential at least daily
/** Namespace address prefix → its worker's client certificate address prefix (both accept the one CA). */
const SHARED_CA_WORKERS: ReadonlyArray<readonly [string, string]> = [
  ["temporalcloud_namespace.ns_", "tls_locally_signed_cert.client_"],
  ["temporalcloud_namespace.ns-staging_", "tls_locally_signed_cert.client-staging_"],
];
const manifest = toolchain();
/** test:e2e:cloud: the real aws_secretsmanager_secret/_version against moto instead of the stand-in. */
const REAL_AWS = process.env.TCG_E2E_CLOUD === "1";

/** Days between applies (virtual): regular, a missed run, a double apply, a merge an hour later, a long pause. */
const GAPS_DAYS = [0, 7, 14, 0, 1 / 24, 6, 13, 1, 14, 25, 7, 14, 10, 14, 9, 14, 12, 14];

function synth(): StackJson {
  return synthConstructStack("rotation time travel", (stack) => {
    // The secret's region comes from the stack's AWS provider, as in a user's stack.
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const ca = new RotatingCa(stack, "ca", { name: "orders", rotateEveryDays: 88, applyCadenceDays: 7, clientValidityDays: 60 });
    const ns = new SecureNamespace(stack, "ns", { name: "orders-dev", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], acceptedClientCa: ca.bundleBase64, certificateFilters: [{ commonName: "*.orders-dev" }] });
    new ClientCertificate(stack, "client", { ca, commonName: clientCommonName("orders-dev", "charger"), dependsOn: [ns.resource] });
    // The CA is shared: a second namespace accepts the same bundle, with its own worker certificate.
    const staging = new SecureNamespace(stack, "ns-staging", { name: "orders-staging", environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], acceptedClientCa: ca.bundleBase64, certificateFilters: [{ commonName: "*.orders-staging" }] });
    new ClientCertificate(stack, "client-staging", { ca, commonName: clientCommonName("orders-staging", "charger"), dependsOn: [staging.resource] });
    const sas = new ServiceAccountPerWorker(stack, "sas", { workers: [{ worker: "orders/charger", serviceAccountName: "orders-dev-charger", namespaceId: ns.resource.id }] });
    new RotatingApiKey(stack, "charger-key", {
      serviceAccountId: sas.serviceAccount("orders/charger").id,
      displayName: "orders-dev-charger",
      rotationDays: 60,
      minOverlapDays: 10,
      applyCadenceDays: 7,
      environment: Environment.DEVELOPMENT,
      secret: { secretName: "temporal/orders-dev/charger/api-key", target: { aws: { region: "us-east-1" } }, reader: { awsRoleArn: "arn:aws:iam::123456789012:role/charger" } },
    });
  });
}


const CERT_TYPES = new Set(["tls_self_signed_cert", "tls_locally_signed_cert"]);

class TimeTravel {
  /** Virtual offset (s) last written into each certificate's recorded validity, by certificate id. */
  private readonly offsetOf = new Map<string, number>();
  private readonly connections: CloudOperationsConnection[] = [];

  constructor(private readonly ws: Workspace, private readonly emulator: EmulatorProcess) {}

  get statePath(): string {
    return path.join(this.ws.dir, "terraform.tfstate");
  }

  state(): StateFile {
    return JSON.parse(fs.readFileSync(this.statePath, "utf8")) as StateFile;
  }

  /** Current (non-deposed) objects by address. */
  objects(): Map<string, Record<string, unknown>> {
    return stateObjects(this.statePath);
  }

  /** Rewrites the certificates' recorded validity so that real now + offset reads as the virtual time. */
  shiftCertificates(offset: number): void {
    if (!fs.existsSync(this.statePath)) return;
    const state = this.state();
    for (const r of state.resources) {
      if (!CERT_TYPES.has(r.type)) continue;
      for (const i of r.instances) {
        const id = String(i.attributes.id);
        const written = this.offsetOf.get(id) ?? 0;
        for (const k of ["validity_start_time", "validity_end_time"]) i.attributes[k] = iso(Date.parse(String(i.attributes[k])) / 1000 + written - offset);
        this.offsetOf.set(id, offset);
      }
    }
    state.serial++;
    fs.writeFileSync(this.statePath, JSON.stringify(state, null, 2));
  }

  /** Certificates created by the last apply carry real times: record the offset they were created under. */
  adopt(offset: number): void {
    for (const [address, a] of this.objects()) if (CERT_TYPES.has(address.split(".")[0]) && !this.offsetOf.has(String(a.id))) this.offsetOf.set(String(a.id), offset);
  }

  /** Virtual [start, end] (s) of a certificate in state. */
  validity(a: Record<string, unknown>): [number, number] {
    const o = this.offsetOf.get(String(a.id)) ?? 0;
    return [Date.parse(String(a.validity_start_time)) / 1000 + o, Date.parse(String(a.validity_end_time)) / 1000 + o];
  }

  cloud(apiKey: string): CloudOperationsClient["cloudService"] {
    const options = { address: this.emulator.address, apiKey, credentials: grpc.credentials.createInsecure() };
    const connection = CloudOperationsConnection.lazy(options as Parameters<typeof CloudOperationsConnection.lazy>[0]);
    this.connections.push(connection);
    return new CloudOperationsClient({ connection }).cloudService;
  }

  /** Whether the emulator, at its current clock, authenticates a call made with `token`. */
  async authenticates(token: string): Promise<string> {
    try {
      await this.cloud(token).getAccount({});
      return "authenticates";
    } catch (err) {
      return `refused: ${(err as Error).message}`;
    }
  }

  async close(): Promise<void> {
    for (const c of this.connections) await c.close();
  }
}

/** CA certificates in a base64 bundle. */
function bundleCerts(base64: string): X509Certificate[] {
  const pem = Buffer.from(base64, "base64").toString("utf8");
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((b) => new X509Certificate(b));
}

/** JSON form of a protobufjs message (enum names). */
const plain = <T>(message: unknown): T => JSON.parse(JSON.stringify(message)) as T;

const issuerIn = (cert: X509Certificate, cas: X509Certificate[]) => cas.find((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey));

const secretSide = REAL_AWS ? `AWS Secrets Manager applied by the real provider against moto (${awsPinNote(manifest)})` : "the AWS secret replaced by a terraform_data stand-in";

describe(`rotation time travel: real terraform apply against the emulator, the clock moved for all; ${secretSide}`, () => {
  const json = synth();
  const { applied, holder, versionAddress, secretName } = REAL_AWS ? withAws(json) : { ...withoutAws(json), secretName: undefined };
  let emulator: EmulatorProcess;
  let moto: MotoProcess | undefined;
  let ws: Workspace;
  let travel: TimeTravel;

  beforeAll(async () => {
    if (!manifest.providers.time || !manifest.providers.tls || !manifest.providers.temporalcloud) throw new Error("temporalcloud, time and tls must be built: run `npm run providers`");
    if (REAL_AWS && (!manifest.providers.aws || !manifest.moto)) throw new Error("test:e2e:cloud needs the aws provider and moto: run `npm run providers -- --cloud`");
    emulator = await EmulatorProcess.start(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tcg-e2e-travel-")), "state.json"));
    if (REAL_AWS) moto = await MotoProcess.start(String(manifest.moto?.python));
    ws = new Workspace("rotation-time-travel", applied, emulator, moto);
    travel = new TimeTravel(ws, emulator);
    ws.init();
  }, 180_000);
  afterAll(async () => {
    await travel?.close();
    await emulator?.stop();
    await moto?.stop();
    ws?.remove();
  });

  /** What a worker reads: the secret's AWSCURRENT value from moto, or the stand-in's value from state. */
  async function workerReads(objects: Map<string, Record<string, unknown>>, at: string): Promise<string> {
    if (!moto) return String((objects.get(holder) as { output: { value: string } }).output.value);
    const value = await currentSecretString(moto.endpoint, String(secretName));
    // AWS holds what terraform wrote (compared, never printed: both are secrets).
    expect({ at, awsCurrentIsStateValue: value === objects.get(versionAddress)?.secret_string }).toEqual({ at, awsCurrentIsStateValue: true });
    return value;
  }

  test("every apply keeps a valid API key and client certificate, the newest current, an empty re-plan, and the replay's values", async () => {
    const replay = new TerraformReplay(json as ReplayJson);
    const start = Math.floor(Date.now() / 1000);
    let virtual = start;
    let published: { current?: string; certs: Map<string, Record<string, unknown>> } = { certs: new Map() };
    const replaced = new Map<string, number>();
    let halfLifeRenewals = 0;
    const log: string[] = [];

    for (const [step, gap] of GAPS_DAYS.entries()) {
      virtual += Math.round(gap * DAY);
      const offset = virtual - Math.floor(Date.now() / 1000);
      const at = `step ${step} (+${((virtual - start) / DAY).toFixed(2)} d, ${iso(virtual)})`;
      await emulator.setClock(virtual * 1000);
      travel.shiftCertificates(offset);

      // Before the apply: what workers hold since the last one is still valid now.
      if (published.current) expect({ at, before: await travel.authenticates(published.current) }).toEqual({ at, before: "authenticates" });
      for (const [worker, cert] of published.certs) {
        const [from, to] = travel.validity(cert);
        expect({ at, worker, certValidNow: from <= virtual && virtual < to }).toEqual({ at, worker, certValidNow: true });
      }

      const apply = ws.run(["apply", "-input=false", "-no-color", "-json", "-auto-approve", "-var", `rotation_clock=${iso(virtual)}`]);
      travel.adopt(offset);
      const events = completions(apply.stdout);
      const plan = ws.run(["plan", "-input=false", "-no-color", "-detailed-exitcode", "-var", `rotation_clock=${iso(virtual)}`], [0, 2]);
      expect({ at, replan: plan.status, out: plan.status === 0 ? "" : plan.stdout }).toEqual({ at, replan: 0, out: "" });

      // The replay of the synthesized JSON (AWS included) at the same clock predicts the same changes.
      const record = replay.apply(virtual);
      const real = new Set(events.filter((e) => e.startsWith("create ")).map((e) => e.slice(7)));
      const predicted = new Set([...record.created, ...record.replaced].map((a) => (a === versionAddress ? holder : a)).filter((a) => REAL_AWS || !a.startsWith("aws_")));
      expect({ at, created: [...real].sort() }).toEqual({ at, created: [...predicted].sort() });
      const objects = travel.objects();
      for (const [address, o] of replay.state) {
        if (o.type === "time_offset") expect({ at, address, expiry: objects.get(address)?.rfc3339 }).toEqual({ at, address, expiry: o.attributes.rfc3339 });
      }
      for (const a of real) replaced.set(a, (replaced.get(a) ?? 0) + 1);
      const kinds = [...real].map((a) => a.split(".")[0]);
      if (step > 0 && kinds.includes("tls_locally_signed_cert") && !kinds.includes("tls_self_signed_cert")) halfLifeRenewals++;

      // Replacements exist before what they replace is destroyed; the published value changes in between.
      for (const [i, e] of events.entries()) {
        if (!e.startsWith("delete ")) continue;
        const address = e.slice(7);
        const created = events.indexOf(`create ${address}`);
        if (address.startsWith("temporalcloud_apikey.")) {
          expect({ at, address, createdBeforeDelete: created >= 0 && created < i }).toEqual({ at, address, createdBeforeDelete: true });
          const holderWritten = events.findIndex((w) => w === `create ${holder}` || w === `update ${holder}`);
          expect({ at, address, publishedBeforeDelete: holderWritten >= 0 && holderWritten < i }).toEqual({ at, address, publishedBeforeDelete: true });
        }
      }

      // API key: the published current token authenticates, is the newest key, and the one it superseded
      // still authenticates a reload lag later; at most 2 unexpired keys.
      const secret = JSON.parse(await workerReads(objects, at)) as { current: string; previous: string; currentExpiresAt: string };
      expect({ at, current: await travel.authenticates(secret.current) }).toEqual({ at, current: "authenticates" });
      const keys = [...objects].filter(([a]) => a.startsWith("temporalcloud_apikey.")).map(([, k]) => k);
      const newest = keys.reduce((a, b) => (Date.parse(String(a.expiry_time)) >= Date.parse(String(b.expiry_time)) ? a : b));
      expect({ at, currentIsNewest: newest.token === secret.current }).toEqual({ at, currentIsNewest: true });
      expect(Date.parse(secret.currentExpiresAt)).toBe(Date.parse(String(newest.expiry_time)));
      const saId = String([...objects].find(([a]) => a.startsWith("temporalcloud_service_account."))?.[1].id);
      const listed = plain<{ apiKeys?: { state: string }[] }>(await travel.cloud(String(emulator.env().TEMPORAL_CLOUD_API_KEY)).getApiKeys({ ownerId: saId })).apiKeys ?? [];
      const live = listed.filter((k) => k.state === "RESOURCE_STATE_ACTIVE");
      expect({ at, liveKeys: live.length <= 2 }).toEqual({ at, liveKeys: true });

      // mTLS, for each namespace sharing the CA: the emulator's accepted bundle (not state) holds the CA that
      // signed its worker's new certificate, the newest CA, and the CA of the certificate lagging workers hold.
      const caObjects = [...objects].filter(([a]) => a.startsWith("tls_self_signed_cert.")).map(([, o]) => o);
      // Newest = latest generation, whose start the subject carries ("orders CA a 2026-…Z").
      const generationStart = (o: Record<string, unknown>) => Date.parse(String((o.subject as { common_name: string }[])[0].common_name).split(" ").pop() as string);
      const newestCa = caObjects.reduce((a, b) => (generationStart(a) >= generationStart(b) ? a : b));
      for (const ca of caObjects) {
        const [, end] = travel.validity(ca);
        expect({ at, caValidAfterLag: end > virtual + LAG }).toEqual({ at, caValidAfterLag: true });
      }
      const certs = new Map<string, Record<string, unknown>>();
      for (const [nsPrefix, worker] of SHARED_CA_WORKERS) {
        const nsId = String([...objects].find(([a]) => a.startsWith(nsPrefix))?.[1].id);
        const ns = plain<{ namespace?: { spec?: { mtlsAuth?: { acceptedClientCa?: string } } } }>(await travel.cloud(String(emulator.env().TEMPORAL_CLOUD_API_KEY)).getNamespace({ namespace: nsId })).namespace;
        const cas = bundleCerts(String(ns?.spec?.mtlsAuth?.acceptedClientCa ?? ""));
        expect({ at, worker, bundle: cas.length }).toEqual({ at, worker, bundle: 2 });
        const certAddress = [...objects.keys()].find((a) => a.startsWith(worker)) as string;
        const cert = objects.get(certAddress) as Record<string, unknown>;
        certs.set(worker, cert);
        const issuer = issuerIn(new X509Certificate(String(cert.cert_pem)), cas);
        expect({ at, worker, chains: issuer !== undefined }).toEqual({ at, worker, chains: true });
        expect({ at, worker, signedByNewestCa: issuer?.fingerprint256 === new X509Certificate(String(newestCa.cert_pem)).fingerprint256 }).toEqual({ at, worker, signedByNewestCa: true });
        const [, certEnd] = travel.validity(cert);
        expect({ at, worker, certValidAfterLag: certEnd > virtual + LAG }).toEqual({ at, worker, certValidAfterLag: true });
        const lagging = published.certs.get(worker);
        if (lagging && lagging.id !== cert.id) {
          expect({ at, worker, laggingCertAccepted: issuerIn(new X509Certificate(String(lagging.cert_pem)), cas) !== undefined }).toEqual({ at, worker, laggingCertAccepted: true });
          expect({ at, worker, laggingCertValid: travel.validity(lagging)[1] > virtual + LAG }).toEqual({ at, worker, laggingCertValid: true });
        }
      }
      if (published.current && published.current !== secret.current) {
        await emulator.setClock((virtual + LAG) * 1000);
        expect({ at, laggingKey: await travel.authenticates(published.current) }).toEqual({ at, laggingKey: "authenticates" });
      }
      log.push(`${at}: ${[...real].filter((a) => /apikey|self_signed|locally|secret_version/.test(a)).join(", ") || "no change"}`);
      // Progress as it happens (addresses only): 18 applies take minutes, the aws provider's many more.
      process.stderr.write(`rotation time travel: ${log[log.length - 1]}\n`);
      published = { current: secret.current, certs };
    }

    // Two full rotation cycles: every API-key and CA slot was replaced at least twice after its creation.
    const slots = [...travel.objects().keys()].filter((a) => /^(temporalcloud_apikey|tls_self_signed_cert)\./.test(a));
    expect(slots).toHaveLength(4);
    expect(slots.map((s) => [s, (replaced.get(s) ?? 0) >= 3])).toEqual(slots.map((s) => [s, true]));
    // The tls provider itself re-issued the client certificate at half-life (no new CA), from the shifted state.
    expect({ halfLifeRenewals: halfLifeRenewals > 0, log }).toEqual({ halfLifeRenewals: true, log });
    // What happened, for the failure report and the docs.
    console.log(log.join("\n"));
    // The real aws provider starts for every plan and apply: 18 steps take about 15 minutes on a loaded machine.
  }, REAL_AWS ? 2_400_000 : undefined);
});
