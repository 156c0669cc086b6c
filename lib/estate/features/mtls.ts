// Rotating CAs, bring-your-own CA bundles, certificate filters for shared CAs, and client certificates
// per mTLS worker stored in the secrets manager (mTLS issue).
import * as fs from "node:fs";
import { attributeOf, interpolate } from "../../constructs/expressions";
import type { AssemblyContext, EstatePart, Feature } from "../assembly-context";
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
    const cas = [...ctx._resolved.certificateAuthorities.values()].filter((ca) => ca.namespaces.length > 0);
    // Generated CAs and client certificates use the tls and time providers (no credentials needed), in
    // the CA's stack and in the stacks of the namespaces it issues certificates for.
    const issuing = new Set(cas.filter((ca) => ca.generated).flatMap((ca) => [ctx.part(ca.stack), ...ca.namespaces.map((ns) => ctx.partOf(ns.name))]));
    for (const part of issuing) {
      defaultTlsProvider(part.scope);
      defaultTimeProvider(part.scope);
    }
    for (const ca of cas) {
      // A generated CA lives in its namespaces' one stack (the config refuses one spanning stacks); your
      // own CA files are public data, read into every stack whose namespaces trust them.
      const bundles = new Map<EstatePart, string>();
      if (ca.generated) {
        const generated = new RotatingCa(ctx.part(ca.stack).scope, `ca-${ca.name}`, {
          name: ca.name,
          organization: ca.generated.organization,
          keyAlgorithm: ca.generated.keyAlgorithm && caKeyAlgorithmOf(ca.generated.keyAlgorithm),
          ...ca.generated.settings,
        });
        rotating.set(ca.name, generated);
        bundles.set(ctx.part(ca.stack), generated.bundleBase64);
      } else {
        for (const part of new Set(ca.namespaces.map((ns) => ctx.partOf(ns.name)))) {
          bundles.set(part, new ImportedCaBundle(part.scope, `ca-${ca.name}`, { sources: readPems(ca.pemFiles ?? []) }).bundleBase64);
        }
      }
      for (const ns of ca.namespaces) {
        const inputs = ctx.inputsFor(ns.name);
        inputs.acceptedClientCa = bundles.get(ctx.partOf(ns.name)) ?? [...bundles.values()][0];
        if (ca.namespaceFilters) inputs.certificateFilters.push({ commonName: namespaceFilterCommonName(ns.name) });
        const kind = ca.generated ? `rotating, every ${ca.generated.settings.rotateEveryDays} d` : "own CA";
        ctx.addSummaryFact(ns.name, "mTLS CA", `${ca.name} (${kind}${ca.namespaceFilters ? ", filtered" : ""})`);
      }
    }
    for (const ns of ctx._resolved.namespaces) {
      if (ns.caPemFiles.length === 0) continue;
      const bundle = new ImportedCaBundle(ctx.partOf(ns.name).scope, `ns-${ns.name}-ca`, { sources: readPems(ns.caPemFiles) });
      ctx.inputsFor(ns.name).acceptedClientCa = bundle.bundleBase64;
      ctx.addSummaryFact(ns.name, "mTLS CA", `${ns.caPemFiles.length} file(s)`);
    }
  },

  afterNamespaces(ctx) {
    const state = states.get(ctx);
    if (!state) return;
    for (const ns of ctx._resolved.namespaces) {
      const ca = ns.mtls?.ca !== undefined ? state.rotating.get(ns.mtls.ca) : undefined;
      if (!ca) continue;
      const organization = ctx._resolved.certificateAuthorities.get(ns.mtls?.ca as string)?.generated?.organization;
      for (const worker of ns.workers) issueClientCertificate(ctx, ns, worker, ca, organization);
    }
  },
};

function issueClientCertificate(ctx: AssemblyContext, ns: ResolvedNamespace, worker: ResolvedWorker, ca: RotatingCa, organization: string | undefined): void {
  const target = ns.secretsManager;
  const issued = worker.clientCertificate;
  if (!issued || !target) return; // a missing secrets manager is reported by the config check
  const id = `ns-${ns.name}-worker-${worker.name}-mtls`;
  // With the namespace, in its stack: the certificate waits for the namespace, and the secret's value reads both resources as text.
  const part = ctx.partOf(ns.name);
  const certificate = new ClientCertificate(part.scope, `${id}-cert`, {
    ca,
    commonName: issued.commonName,
    organization,
    // The namespace must accept a new CA before a worker can pick up a certificate signed by it.
    dependsOn: [ctx.namespace(ns.name).resource],
  });
  new WorkerSecret(part.scope, id, {
    secretName: issued.secret.name,
    target,
    reader: worker.identity ?? {},
    description: `mTLS client certificate and key of worker ${worker.name} for Temporal Cloud namespace ${ns.name}`,
    // Written as text: one per mTLS worker, and both resources are in this stack (lib/constructs/expressions.ts).
    value: interpolate(`jsonencode({"certificate_pem" = ${attributeOf(certificate.certificate, "cert_pem")}, "private_key_pem" = ${attributeOf(certificate.key, "private_key_pem")}})`),
    // A re-issued certificate (or new key) is unknown until apply.
    valueSources: [certificate.certificate, certificate.key],
    awsProvider: "aws" in target ? part.aws(target.aws.region) : undefined,
    googleProvider: "gcp" in target ? part.google(target.gcp.project) : undefined,
    tags: issued.secret.tags,
  });
}
