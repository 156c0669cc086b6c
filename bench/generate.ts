// Generates estate configs of a given size for the benchmark. Each optional part of a namespace is a
// "section emitter" with an on/off flag: sections whose schema is not merged yet stay off, so every
// generated config is accepted by the current schema. Switch them on (SECTION_FLAGS or --sections) once
// the networking / HA / identity branches are merged.
import * as path from "node:path";
import { allRegions, findRegion } from "../lib/catalog";

export const WORKERS_PER_NAMESPACE = 10;
/** Every how-many-th namespace gets HA (a fraction of the estate). */
export const HA_EVERY = 5;
export const CA_PEM = path.join(__dirname, "..", "examples", "certs", "prod-ca.pem");

type Namespace = Record<string, unknown>;
type Root = Record<string, unknown>;

export interface SectionEmitter {
  readonly name: string;
  /** Whether the current schema accepts this section (emitted by default). */
  readonly enabledByDefault: boolean;
  /** Adds the section to namespace number `index` (and anything estate-wide it needs to `root`). */
  emit(ns: Namespace, index: number, root: Root): void;
}

const AWS_PRIMARIES = ["aws-us-east-1", "aws-us-west-2", "aws-eu-west-1", "aws-ap-southeast-2"].filter((c) => findRegion(c));
const GCP_PRIMARIES = ["gcp-us-central1", "gcp-europe-west3", "gcp-us-east4"].filter((c) => findRegion(c));

/** Primary region of namespace `index`: mostly AWS, every third on GCP, so both clouds' endpoints appear. */
export function primaryRegion(index: number): string {
  return index % 3 === 2 && GCP_PRIMARIES.length > 0 ? GCP_PRIMARIES[index % GCP_PRIMARIES.length] : AWS_PRIMARIES[index % AWS_PRIMARIES.length];
}

const hex = (n: number, width = 8) => n.toString(16).padStart(width, "0");

export const SECTION_EMITTERS: readonly SectionEmitter[] = [
  {
    name: "namespace-settings",
    enabledByDefault: true,
    emit(ns, i) {
      ns.tags = { team: `team-${i % 17}`, "cost-center": `cc-${1000 + (i % 50)}` };
      ns.searchAttributes = { CustomerId: "keyword", OrderTotal: "double" };
      if (ns.auth && (ns.auth as { mtls?: unknown }).mtls) ns.certificateFilters = [{ commonName: `${String(ns.name)}-*` }];
      if (i % 4 === 0) ns.codecServer = { endpoint: `https://codec-${i}.example.com`, passAccessToken: true };
    },
  },
  {
    name: "workers",
    enabledByDefault: true,
    emit(ns, i) {
      const onGcp = String((ns.regions as string[])[0]).startsWith("gcp-");
      // Credentials go to the secrets manager of the namespace's own cloud, readable by the worker identity.
      ns.secretsManager = onGcp ? { gcp: { project: `bench-secrets-${i % 7}` } } : { aws: { region: findRegion((ns.regions as string[])[0])?.region ?? "us-east-1" } };
      ns.workers = Array.from({ length: WORKERS_PER_NAMESPACE }, (_, w) => ({
        name: `worker-${w}`,
        permission: w === 0 ? "read" : "write",
        identity: onGcp
          ? { gcpServiceAccountEmail: `worker-${w}@bench-${i % 7}.iam.gserviceaccount.com` }
          : { awsRoleArn: `arn:aws:iam::111122223333:role/bench-ns${i}-worker-${w}` },
      }));
    },
  },
  {
    name: "endpoints",
    enabledByDefault: false,
    emit(ns, i) {
      const region = (ns.regions as string[])[0];
      ns.connectivity = region.startsWith("gcp-")
        ? { gcp: { region, project: `bench-net-${i % 7}`, network: "workers", subnetwork: `workers-${findRegion(region)?.region ?? "x"}` } }
        : { aws: { region, vpcId: `vpc-${hex(i)}`, subnetIds: [`subnet-${hex(i * 2)}`, `subnet-${hex(i * 2 + 1)}`], allowedCidrs: ["10.0.0.0/16"] } };
    },
  },
  {
    name: "ha",
    enabledByDefault: false,
    emit(ns, i) {
      if (i % HA_EVERY !== 0) return;
      const primary = findRegion((ns.regions as string[])[0]);
      const replica = primary?.multiRegionReplicaRegions[0];
      if (!replica) return;
      ns.ha = { mode: "multi-region", replica };
      ns.critical = true;
      const conn = ns.connectivity as { aws?: unknown; gcp?: unknown } | undefined;
      // HA with private endpoints needs an endpoint in the replica region too.
      if (conn?.aws) conn.aws = [conn.aws, { ...(conn.aws as object), region: replica, vpcId: `vpc-${hex(i + 1_000_000)}` }];
      if (conn?.gcp) conn.gcp = [conn.gcp, { ...(conn.gcp as object), region: replica, subnetwork: `workers-${findRegion(replica)?.region ?? "x"}` }];
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

/** A config with `size` namespaces: half production, a quarter each staging/development; mTLS and API keys mixed. */
export function generateEstate(size: number, options: GenerateOptions = {}): Root {
  const sections = new Set(enabledSections(options));
  const unknown = [...sections].filter((s) => !SECTION_EMITTERS.some((e) => e.name === s));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(", ")}; known: ${SECTION_EMITTERS.map((e) => e.name).join(", ")}`);
  const root: Root = {
    name: `bench-${size}`,
    account: { id: "bench1" },
    defaults: { secretsManager: { aws: { region: "us-east-1" } } },
  };
  const namespaces: Namespace[] = [];
  for (let i = 0; i < size; i++) {
    const environment = i % 2 === 0 ? "production" : i % 4 === 1 ? "staging" : "development";
    const useMtls = i % 2 === 1 || i % 6 === 0;
    const ns: Namespace = {
      name: `ns-${String(i).padStart(4, "0")}-${environment.slice(0, 4)}`,
      environment,
      regions: [primaryRegion(i)],
      auth: useMtls ? { mtls: { caPemFiles: [CA_PEM] }, ...(i % 6 === 0 ? { apiKey: true } : {}) } : { apiKey: true },
    };
    for (const emitter of SECTION_EMITTERS) if (sections.has(emitter.name)) emitter.emit(ns, i, root);
    namespaces.push(ns);
  }
  root.namespaces = namespaces;
  return root;
}

/** Regions the generator may use, for the benchmark's notes. */
export function regionsUsed(): string[] {
  return [...AWS_PRIMARIES, ...GCP_PRIMARIES].filter((c) => allRegions().some((r) => r.cloudApiCode === c));
}
