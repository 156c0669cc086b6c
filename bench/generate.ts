// Generates estate configs of a given size for the benchmark, shaped like a real platform team's estate and
// compliant with the rule pack (error findings would block synth). Each optional part is a "section
// emitter" with an on/off flag, so a run can measure the cost of one feature (`--sections`).
//
// Per namespace i (deterministic, no randomness):
//   environment   i % 2 == 0 production, i % 4 == 1 staging, i % 4 == 3 development
//   auth          blocks of four alternate mTLS / API keys; every 12th (development) has both, for migrations
//   region        AWS mostly, every third namespace on GCP
//   workers       10; API-key workers get rotating keys in the namespace cloud's secrets manager, mTLS workers
//                 a client certificate from a generated rotating CA shared by a few namespaces of one environment
//   endpoints     production private-only, staging private + public, development public; one endpoint per
//                 (region, environment VPC) shared by every namespace there
//   ha            every 10th namespace (production) is critical and replicated, with an endpoint in the replica region
//   estate-wide   account audit-log sink (Kinesis) and an S3 state backend with KMS and locking
import { allRegions, findRegion } from "../lib/domain/regions";

export const WORKERS_PER_NAMESPACE = 10;
/** Every how-many-th namespace is critical production with HA (a fraction of the estate). */
export const HA_EVERY = 10;
/** Namespaces of one environment that share one generated CA (at most MAX_CAS_PER_ENVIRONMENT CAs each). */
export const NAMESPACES_PER_CA = 12;
export const MAX_CAS_PER_ENVIRONMENT = 4;

type Namespace = Record<string, unknown>;
type Root = Record<string, unknown>;
type Environment = "production" | "staging" | "development";

export interface SectionEmitter {
  readonly name: string;
  /** Emitted unless `sections` names others. */
  readonly enabledByDefault: boolean;
  /** Adds the section to namespace number `index`. */
  emit?(ns: Namespace, index: number, root: Root): void;
  /** Adds estate-wide settings once, after the namespaces. */
  emitEstate?(root: Root): void;
}

const AWS_PRIMARIES = ["aws-us-east-1", "aws-us-west-2", "aws-eu-west-1", "aws-ap-southeast-2"].filter((c) => findRegion(c));
const GCP_PRIMARIES = ["gcp-us-central1", "gcp-europe-west3", "gcp-us-east4"].filter((c) => findRegion(c));

/** Primary region of namespace `index`: mostly AWS, every third on GCP, so both clouds' endpoints appear. */
export function primaryRegion(index: number): string {
  return index % 3 === 2 && GCP_PRIMARIES.length > 0 ? GCP_PRIMARIES[Math.floor(index / 3) % GCP_PRIMARIES.length] : AWS_PRIMARIES[index % AWS_PRIMARIES.length];
}

export function environmentOf(index: number): Environment {
  return index % 2 === 0 ? "production" : index % 4 === 1 ? "staging" : "development";
}

export type AuthKind = "apiKey" | "mtls" | "both";

export function authKindOf(index: number): AuthKind {
  if (index % 12 === 11) return "both"; // development only (i odd, i % 4 == 3): never HA
  return Math.floor(index / 4) % 2 === 0 ? "mtls" : "apiKey";
}

export function isHa(index: number): boolean {
  return index % HA_EVERY === 0;
}

/** The replica of an HA namespace: a multi-region partner, preferring regions the estate already uses. */
export function replicaOf(primary: string): { mode: "multi-region" | "multi-cloud"; replica: string } | undefined {
  const info = findRegion(primary);
  if (!info) return undefined;
  const used = new Set([...AWS_PRIMARIES, ...GCP_PRIMARIES]);
  const pick = (list: readonly string[]) => list.find((r) => used.has(r)) ?? list[0];
  if (info.multiRegionReplicaRegions.length > 0) return { mode: "multi-region", replica: pick(info.multiRegionReplicaRegions) };
  if (info.multiCloudReplicaRegions.length > 0) return { mode: "multi-cloud", replica: pick(info.multiCloudReplicaRegions) };
  return undefined;
}

const ENV_CODE: Record<Environment, number> = { production: 1, staging: 2, development: 3 };
const AWS_ACCOUNT: Record<Environment, string> = { production: "111111111111", staging: "222222222222", development: "333333333333" };
const hex = (n: number, width = 17) => n.toString(16).padStart(width, "0");
const regionIndex = (code: string) => Math.max(0, allRegions().findIndex((r) => r.cloudApiCode === code));
const cloudOf = (code: string) => (code.startsWith("gcp-") ? "gcp" : "aws");

/** The workers' VPC of an environment in a region; every namespace there shares its endpoint. */
function awsEndpoint(region: string, environment: Environment): Record<string, unknown> {
  const base = regionIndex(region) * 16 + ENV_CODE[environment];
  return {
    region,
    vpcId: `vpc-${hex(base)}`,
    subnetIds: [0, 1, 2].map((az) => `subnet-${hex(base * 4 + az)}`),
    allowedCidrs: [`10.${ENV_CODE[environment] * 16 + (regionIndex(region) % 16)}.0.0/16`],
  };
}

function gcpEndpoint(region: string, environment: Environment): Record<string, unknown> {
  const short = findRegion(region)?.region ?? region.replace(/^gcp-/, "");
  return {
    region,
    project: `bench-${environment}-network`,
    network: `workers-${environment}`,
    subnetwork: `workers-${environment}-${short}`,
    firewall: { targetTags: ["temporal-worker"] },
  };
}

function endpointFor(region: string, environment: Environment): [cloud: "aws" | "gcp", entry: Record<string, unknown>] {
  return cloudOf(region) === "gcp" ? ["gcp", gcpEndpoint(region, environment)] : ["aws", awsEndpoint(region, environment)];
}

const envOf = (ns: Namespace) => ns.environment as Environment;
const primaryOf = (ns: Namespace) => (ns.regions as string[])[0];

export const SECTION_EMITTERS: readonly SectionEmitter[] = [
  {
    name: "namespace-settings",
    enabledByDefault: true,
    emit(ns, i) {
      ns.tags = { team: `team-${i % 17}`, "cost-center": `cc-${1000 + (i % 50)}` };
      ns.searchAttributes = { CustomerId: "keyword", OrderTotal: "double" };
      if (i % 4 === 0) ns.codecServer = { endpoint: `https://codec-${i}.example.com`, passAccessToken: true };
    },
  },
  {
    name: "workers",
    enabledByDefault: true,
    emit(ns, i) {
      const env = envOf(ns);
      const onGcp = cloudOf(primaryOf(ns)) === "gcp";
      // Credentials go to the secrets manager of the namespace's own cloud, readable only by the worker identity.
      ns.secretsManager = onGcp ? { gcp: { project: `bench-${env}-secrets` } } : { aws: { region: findRegion(primaryOf(ns))?.region ?? "us-east-1" } };
      const kind = authKindOf(i);
      ns.workers = Array.from({ length: WORKERS_PER_NAMESPACE }, (_, w) => {
        const name = `worker-${w}`;
        const auth = kind === "both" ? (w % 2 === 0 ? "apiKey" : "mtls") : kind;
        return {
          name,
          ...(kind === "both" ? { auth } : {}),
          permission: w === 0 ? "read" : "write",
          identity: onGcp
            ? { gcpServiceAccountEmail: `w${w}-ns${i}@bench-${env}-workers.iam.gserviceaccount.com` }
            : { awsRoleArn: `arn:aws:iam::${AWS_ACCOUNT[env]}:role/ns${i}-${name}` },
          // Some teams rotate faster than the environment's maximum.
          ...(auth === "apiKey" && w % 3 === 0 ? { apiKey: { rotationDays: 60, minOverlapDays: 7 } } : {}),
        };
      });
    },
  },
  {
    name: "endpoints",
    enabledByDefault: true,
    emit(ns) {
      const env = envOf(ns);
      if (env === "development") return; // development stays on the public internet
      const [cloud, entry] = endpointFor(primaryOf(ns), env);
      ns.connectivity = { [cloud]: entry, ...(env === "staging" ? { publicAccess: true } : {}) };
    },
  },
  {
    name: "ha",
    enabledByDefault: true,
    emit(ns, i) {
      if (!isHa(i)) return;
      const replica = replicaOf(primaryOf(ns));
      if (!replica) return;
      ns.critical = true;
      ns.ha = replica;
      const connectivity = ns.connectivity as Record<string, unknown> | undefined;
      if (!connectivity) return;
      // Private-only and replicated: workers need an endpoint in the replica region too (shared as well).
      const [cloud, entry] = endpointFor(replica.replica, envOf(ns));
      const existing = connectivity[cloud];
      connectivity[cloud] = existing === undefined ? entry : [existing, entry];
    },
  },
  {
    name: "estate-wide",
    enabledByDefault: true,
    emitEstate(root) {
      root.auditLog = {
        kinesis: {
          region: "us-east-1",
          streamName: "temporal-audit-log",
          awsAccountId: "444444444444",
          roleName: "temporal-audit-log-writer",
          temporalPrincipal: { principalArns: ["arn:aws:iam::000000000000:root"] },
        },
      };
      root.backend = {
        type: "s3",
        bucket: `bench-terraform-state`,
        key: `${String(root.name)}/terraform.tfstate`,
        region: "us-east-1",
        kmsKeyId: "alias/terraform-state",
        locking: "s3-native",
      };
    },
  },
];

export interface GenerateOptions {
  /** Section names to emit. @default the emitters that are enabled by default */
  readonly sections?: readonly string[];
}

export function enabledSections(options: GenerateOptions = {}): string[] {
  return options.sections ? [...options.sections] : SECTION_EMITTERS.filter((e) => e.enabledByDefault).map((e) => e.name);
}

/** Name of the generated CA shared by mTLS namespace number `mtlsOrdinal` of an environment. */
function caName(env: Environment, mtlsOrdinal: number, mtlsInEnvironment: number): string {
  const cas = Math.min(MAX_CAS_PER_ENVIRONMENT, Math.max(1, Math.ceil(mtlsInEnvironment / NAMESPACES_PER_CA)));
  return `${env}-ca-${mtlsOrdinal % cas}`;
}

/** A config with `size` namespaces: half production, a quarter each staging/development; mTLS and API keys mixed. */
export function generateEstate(size: number, options: GenerateOptions = {}): Root {
  const sections = new Set(enabledSections(options));
  const unknown = [...sections].filter((s) => !SECTION_EMITTERS.some((e) => e.name === s));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(", ")}; known: ${SECTION_EMITTERS.map((e) => e.name).join(", ")}`);
  const root: Root = {
    name: `bench-${size}`,
    account: { id: "bench1" },
    defaults: { applyCadenceDays: 7 },
  };
  const mtlsCount: Record<Environment, number> = { production: 0, staging: 0, development: 0 };
  for (let i = 0; i < size; i++) if (authKindOf(i) !== "apiKey") mtlsCount[environmentOf(i)]++;
  const mtlsSeen: Record<Environment, number> = { production: 0, staging: 0, development: 0 };
  const casUsed = new Map<string, Environment>();
  const namespaces: Namespace[] = [];
  for (let i = 0; i < size; i++) {
    const environment = environmentOf(i);
    const kind = authKindOf(i);
    let mtls: { ca: string } | undefined;
    if (kind !== "apiKey") {
      const ca = caName(environment, mtlsSeen[environment]++, mtlsCount[environment]);
      casUsed.set(ca, environment);
      mtls = { ca };
    }
    const ns: Namespace = {
      name: `ns-${String(i).padStart(4, "0")}-${environment.slice(0, 4)}`,
      environment,
      regions: [primaryRegion(i)],
      auth: { ...(kind !== "mtls" ? { apiKey: true } : {}), ...(mtls ? { mtls } : {}) },
    };
    for (const emitter of SECTION_EMITTERS) if (sections.has(emitter.name)) emitter.emit?.(ns, i, root);
    namespaces.push(ns);
  }
  if (casUsed.size > 0) {
    root.certificateAuthorities = [...casUsed].sort().map(([name, env]) => ({
      name,
      generated: { validityDays: 365, rotateEveryDays: 180, clientValidityDays: env === "production" ? 30 : 60, organization: `Bench ${env}` },
    }));
  }
  root.namespaces = namespaces;
  for (const emitter of SECTION_EMITTERS) if (sections.has(emitter.name)) emitter.emitEstate?.(root);
  return root;
}

/** Regions the generator may use, for the benchmark's notes. */
export function regionsUsed(): string[] {
  return [...AWS_PRIMARIES, ...GCP_PRIMARIES].filter((c) => allRegions().some((r) => r.cloudApiCode === c));
}
