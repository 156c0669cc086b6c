// Rotating CAs, bring-your-own CA bundles, certificate filters for shared CAs, and client certificates
// per mTLS worker stored in the secrets manager (mTLS issue).
import * as fs from "node:fs";
import { attributeOf, interpolate } from "../../constructs/expressions";
import type { AssemblyContext, Feature } from "../assembly-context";
import type { ResolvedNamespace, ResolvedWorker } from "../../config/resolve";
import { RotatingCa } from "../../constructs/rotating-ca";
import { ImportedCaBundle } from "../../constructs/imported-ca-bundle";
import { ClientCertificate } from "../../constructs/client-certificate";
import { namespaceFilterCommonName } from "../../domain/certificates";
import { caKeyAlgorithmOf } from "../../domain/ca-rotation";
import { WorkerSecret } from "../../constructs/worker-secret";
import { defaultTimeProvider, defaultTlsProvider } from "../../constructs/default-providers";

interface MtlsState {
  /** Generated CAs by name. */
  readonly rotating: Map<string, RotatingCa>;
}

const states = new WeakMap<AssemblyContext, MtlsState>();

function readPems(files: readonly string[]) {
  return files.map((file) => ({ source: file, pem: fs.readFileSync(file, "utf8") }));
}

export const mtlsFeature: Feature = {

  beforeNamespaces(ctx) {
    const rotating = new Map<string, RotatingCa>();
    states.set(ctx, { rotating });
    const cas = [...ctx.config.certificateAuthorities.values()].filter((ca) => ca.namespaces.length > 0);
    if (cas.some((ca) => ca.generated)) {
      // Generated CAs and client certificates use the tls and time providers (no credentials needed).
      defaultTlsProvider(ctx.scope);
      defaultTimeProvider(ctx.scope);
    }
    for (const ca of cas) {
      let bundle: string;
      if (ca.generated) {
        const generated = new RotatingCa(ctx.scope, `ca-${ca.name}`, {
          name: ca.name,
          organization: ca.generated.organization,
          keyAlgorithm: ca.generated.keyAlgorithm && caKeyAlgorithmOf(ca.generated.keyAlgorithm),
          ...ca.generated.settings,
        });
        rotating.set(ca.name, generated);
        bundle = generated.bundleBase64;
      } else {
        bundle = new ImportedCaBundle(ctx.scope, `ca-${ca.name}`, { sources: readPems(ca.pemFiles ?? []) }).bundleBase64;
      }
      for (const ns of ca.namespaces) {
        const inputs = ctx.inputsFor(ns.name);
        inputs.acceptedClientCa = bundle;
        if (ca.namespaceFilters) inputs.certificateFilters.push({ commonName: namespaceFilterCommonName(ns.name) });
        const kind = ca.generated ? `rotating, every ${ca.generated.settings.rotateEveryDays} d` : "own CA";
        ctx.addSummaryFact(ns.name, "mTLS CA", `${ca.name} (${kind}${ca.namespaceFilters ? ", filtered" : ""})`);
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
      const ca = ns.mtls?.ca !== undefined ? state.rotating.get(ns.mtls.ca) : undefined;
      if (!ca) continue;
      const organization = ctx.config.certificateAuthorities.get(ns.mtls?.ca as string)?.generated?.organization;
      for (const worker of ns.workers) issueClientCertificate(ctx, ns, worker, ca, organization);
    }
  },
};

function issueClientCertificate(ctx: AssemblyContext, ns: ResolvedNamespace, worker: ResolvedWorker, ca: RotatingCa, organization: string | undefined): void {
  const target = ns.secretsManager;
  const issued = worker.clientCertificate;
  if (!issued || !target) return; // a missing secrets manager is reported by the config check
  const id = `ns-${ns.name}-worker-${worker.name}-mtls`;
  const certificate = new ClientCertificate(ctx.scope, `${id}-cert`, {
    ca,
    commonName: issued.commonName,
    organization,
    // The namespace must accept a new CA before a worker can pick up a certificate signed by it.
    dependsOn: [ctx.namespace(ns.name).resource],
  });
  new WorkerSecret(ctx.scope, id, {
    secretName: issued.secret.name,
    target,
    reader: worker.identity ?? {},
    description: `mTLS client certificate and key of worker ${worker.name} for Temporal Cloud namespace ${ns.name}`,
    // Written as text: one per mTLS worker, and both resources are in this stack (lib/constructs/expressions.ts).
    value: interpolate(`jsonencode({"certificate_pem" = ${attributeOf(certificate.certificate, "cert_pem")}, "private_key_pem" = ${attributeOf(certificate.key, "private_key_pem")}})`),
    awsProvider: "aws" in target ? ctx.aws(target.aws.region) : undefined,
    googleProvider: "gcp" in target ? ctx.google(target.gcp.project) : undefined,
    tags: issued.secret.tags,
  });
}
