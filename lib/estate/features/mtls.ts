// Rotating CAs, bring-your-own CA bundles, certificate filters for shared CAs, and client certificates
// per mTLS worker stored in the secrets manager (mTLS issue).
import * as fs from "node:fs";
import * as path from "node:path";
import { Fn } from "cdktf";
import type { AssemblyContext, Feature } from "../assembly-context";
import type { ResolvedNamespace } from "../../config/resolve";
import { addsNamespaceFilters, rotationSettingsOf, sharedCas } from "../../config/checks/mtls";
import { RotatingCa, ROTATING_CA_DEFAULTS } from "../../constructs/rotating-ca";
import { ImportedCaBundle } from "../../constructs/imported-ca-bundle";
import { ClientCertificate, clientCommonName, namespaceFilterCommonName } from "../../constructs/client-certificate";
import { WorkerSecret } from "../../constructs/worker-secret";
import { defaultTimeProvider, defaultTlsProvider } from "../../constructs/default-providers";

interface MtlsState {
  /** Generated CAs by name. */
  readonly rotating: Map<string, RotatingCa>;
  /** Organization used for client certificates, by CA name. */
  readonly organizations: Map<string, string | undefined>;
}

const states = new WeakMap<AssemblyContext, MtlsState>();

function readPems(files: readonly string[]) {
  return files.map((file) => ({ source: file, pem: fs.readFileSync(file, "utf8") }));
}

export const mtlsFeature: Feature = {
  name: "mtls",

  beforeNamespaces(ctx) {
    const state: MtlsState = { rotating: new Map(), organizations: new Map() };
    states.set(ctx, state);
    const cas = sharedCas(ctx.config);
    const bundles = new Map<string, string>();
    if ([...cas.values()].some((ca) => ca.spec.generated && ca.namespaces.length > 0)) {
      // Generated CAs and client certificates use the tls and time providers (no credentials needed).
      defaultTlsProvider(ctx.scope);
      defaultTimeProvider(ctx.scope);
    }
    for (const [name, ca] of cas) {
      if (ca.namespaces.length === 0) continue;
      if (ca.spec.generated) {
        const g = ca.spec.generated;
        const rotating = new RotatingCa(ctx.scope, `ca-${name}`, {
          name,
          organization: g.organization,
          keyAlgorithm: g.keyAlgorithm,
          ...rotationSettingsOf(ca.spec, ctx.config.applyCadenceDays),
        });
        state.rotating.set(name, rotating);
        state.organizations.set(name, g.organization);
        bundles.set(name, rotating.bundleBase64);
      } else {
        const files = (ca.spec.pemFiles ?? []).map((f) => path.resolve(ctx.config.baseDir, f));
        bundles.set(name, new ImportedCaBundle(ctx.scope, `ca-${name}`, { sources: readPems(files) }).bundleBase64);
      }
      const filtered = addsNamespaceFilters(ca);
      for (const ns of ca.namespaces) {
        const inputs = ctx.inputsFor(ns.name);
        inputs.acceptedClientCa = bundles.get(name);
        if (filtered) inputs.certificateFilters.push({ commonName: namespaceFilterCommonName(ns.name) });
        const kind = ca.spec.generated ? `rotating, every ${ca.spec.generated.rotateEveryDays ?? ROTATING_CA_DEFAULTS.rotateEveryDays} d` : "own CA";
        ctx.addSummaryFact(ns.name, "mTLS CA", `${name} (${kind}${filtered ? ", filtered" : ""})`);
      }
    }
    for (const ns of ctx.resolvedNamespaces) {
      if (ns.caPemFiles.length === 0) continue;
      const bundle = new ImportedCaBundle(ctx.scope, `ns-${ns.name}-ca`, { sources: readPems(ns.caPemFiles) });
      ctx.inputsFor(ns.name).acceptedClientCa = bundle.bundleBase64;
      ctx.addSummaryFact(ns.name, "mTLS CA", `${ns.caPemFiles.length} file(s)`);
    }
  },

  afterNamespaces(ctx) {
    const state = states.get(ctx);
    if (!state) return;
    for (const ns of ctx.resolvedNamespaces) {
      const caName = ns.mtls?.ca;
      const ca = caName ? state.rotating.get(caName) : undefined;
      if (!ca || !caName) continue;
      for (const worker of ns.workers) {
        if (worker.auth !== "mtls" || worker.certificate?.issue === false) continue;
        issueClientCertificate(ctx, ns, worker.name, worker.identity ?? {}, ca, state.organizations.get(caName));
      }
    }
  },
};

function issueClientCertificate(
  ctx: AssemblyContext,
  ns: ResolvedNamespace,
  workerName: string,
  identity: { awsRoleArn?: string; gcpServiceAccountEmail?: string },
  ca: RotatingCa,
  organization: string | undefined,
): void {
  const target = ns.secretsManager;
  if (!target) return; // the config check reports this
  const id = `ns-${ns.name}-worker-${workerName}-mtls`;
  const certificate = new ClientCertificate(ctx.scope, `${id}-cert`, {
    ca,
    commonName: clientCommonName(ns.name, workerName),
    organization,
    // The namespace must accept a new CA before a worker can pick up a certificate signed by it.
    dependsOn: [ctx.namespace(ns.name).resource],
  });
  const prefix = "aws" in target ? (target.aws.namePrefix ?? "temporal/") : "temporal/";
  new WorkerSecret(ctx.scope, id, {
    secretName: `${prefix}${ns.name}/${workerName}/mtls`,
    target,
    reader: identity,
    description: `mTLS client certificate and key of worker ${workerName} for Temporal Cloud namespace ${ns.name}`,
    value: Fn.jsonencode({ certificate_pem: certificate.certPem, private_key_pem: certificate.privateKeyPem }),
    awsProvider: "aws" in target ? ctx.aws(target.aws.region) : undefined,
    googleProvider: "gcp" in target ? ctx.google(target.gcp.project) : undefined,
    tags: { "temporal-namespace": ns.name, "temporal-worker": workerName },
  });
}
