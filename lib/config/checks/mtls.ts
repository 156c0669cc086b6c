// mTLS checks: CA references, rotation schedules against the apply cadence, BYO CA files, shared CAs
// across production and non-production, and what mTLS workers need for their client certificates.
import * as fs from "node:fs";
import * as path from "node:path";
import type { CrossCheck } from "../cross-checks";
import type { ResolvedNamespace } from "../resolve";
import { checkRotationSettings } from "../../domain/ca-rotation";
import { inspectCaBundle } from "../../domain/certificates";
import { unreadableFileReason } from "../files";

const caNamesUniqueAndKnown: CrossCheck = (config, issues) => {
  const seen = new Map<string, number>();
  config.certificateAuthorityList.forEach((ca, i) => {
    const first = seen.get(ca.name);
    if (first !== undefined) issues.add(`certificateAuthorities[${i}].name`, `"${ca.name}" is already used by certificateAuthorities[${first}]; CA names must be unique`);
    else seen.set(ca.name, i);
    if (ca.generated && ca.name.length > 38) {
      issues.add(`certificateAuthorities[${i}].name`, `"${ca.name}" is ${ca.name.length} characters; a generated CA's name goes into its 64-character subject, so use at most 38`);
    }
  });
  for (const ns of config.namespaces) {
    const name = ns.mtls?.ca;
    if (name !== undefined && !seen.has(name)) {
      const known = [...seen.keys()];
      issues.add(`${ns.mtlsPath}.ca`, `"${name}" is not a CA in certificateAuthorities${known.length ? ` (known: ${known.join(", ")})` : ""}; add it there or fix the name`);
    }
  }
};

const rotationScheduleSafe: CrossCheck = (config, issues) => {
  for (const ca of config.certificateAuthorities.values()) {
    if (!ca.generated) continue;
    for (const [field, message] of checkRotationSettings(ca.generated.settings)) {
      const where = field === "applyCadenceDays" ? "defaults.applyCadenceDays" : `certificateAuthorities[${ca.index}].generated.${field}`;
      issues.add(where, message);
    }
  }
};

const caFilesValid: CrossCheck = (config, issues) => {
  const now = new Date();
  const inspect = (files: readonly string[], where: string) => {
    const existing = files.filter((f) => unreadableFileReason(f) === undefined);
    if (existing.length === 0) return;
    const result = inspectCaBundle(existing.map((f) => ({ source: f, pem: fs.readFileSync(f, "utf8") })), now);
    for (const [source, message] of result.problems) {
      const i = files.indexOf(source.replace(/ \(certificate \d+\)$/, ""));
      issues.add(i >= 0 ? `${where}[${i}]` : where, `${path.basename(source)}: ${message}`);
    }
  };
  for (const ns of config.namespaces) inspect(ns.caPemFiles, `${ns.mtlsPath}.caPemFiles`);
  config.certificateAuthorityList.forEach((ca, i) => {
    if (!ca.pemFiles) return;
    const files = ca.pemFiles.map((f) => path.resolve(config.baseDir, f));
    files.forEach((f, j) => {
      const reason = unreadableFileReason(f, ca.pemFiles?.[j]);
      if (reason) issues.add(`certificateAuthorities[${i}].pemFiles[${j}]`, reason);
    });
    inspect(files, `certificateAuthorities[${i}].pemFiles`);
  });
};

/** A CA reaching both production and non-production namespaces must be fenced by certificate filters. */
const sharedCaNeedsFilters: CrossCheck = (config, issues) => {
  const groups: { label: string; namespaces: ResolvedNamespace[]; autoFilters: boolean }[] = [];
  for (const [name, ca] of config.certificateAuthorities) {
    groups.push({ label: `certificateAuthorities "${name}"`, namespaces: [...ca.namespaces], autoFilters: ca.namespaceFilters });
  }
  // The same PEM files listed by several namespaces are a shared CA too.
  const byFiles = new Map<string, ResolvedNamespace[]>();
  for (const ns of config.namespaces) {
    for (const file of ns.caPemFiles) byFiles.set(file, [...(byFiles.get(file) ?? []), ns]);
  }
  for (const [file, namespaces] of byFiles) {
    if (namespaces.length > 1) groups.push({ label: `CA file ${path.basename(file)}`, namespaces, autoFilters: false });
  }
  for (const group of groups) {
    const production = group.namespaces.filter((ns) => ns.environment === "production");
    const other = group.namespaces.filter((ns) => ns.environment !== "production");
    if (production.length === 0 || other.length === 0 || group.autoFilters) continue;
    for (const ns of group.namespaces) {
      if (ns.certificateFilters && ns.certificateFilters.length > 0) continue;
      issues.add(
        `namespaces[${ns.index}].certificateFilters`,
        `are missing while ${group.label} is shared by production (${production.map((n) => n.name).join(", ")}) and non-production (${other.map((n) => n.name).join(", ")}) namespaces, so a ${other[0].name} client certificate would also open ${production[0].name}; add certificateFilters (e.g. commonName: "*.${ns.name}"), turn on namespaceFilters for the CA, or use separate CAs`,
      );
    }
  }
};

/** mTLS workers: the namespace must accept mTLS, and a generated CA's client certificate needs a secret store and a reader. */
const mtlsWorkersComplete: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const generated = ns.mtls?.ca !== undefined && config.certificateAuthorities.get(ns.mtls.ca)?.generated !== undefined;
    ns.workers.forEach((w, j) => {
      const where = `namespaces[${ns.index}].workers[${j}]`;
      if (w.auth !== "mtls") {
        if (w.certificate !== undefined) issues.add(`${where}.certificate`, `is set but the worker authenticates with ${w.auth}; remove it or set auth: mtls`);
        return;
      }
      if (ns.mtls === undefined) {
        issues.add(`${where}.auth`, `is mtls but namespace ${ns.name} has no auth.mtls; configure auth.mtls or use auth: apiKey`);
        return;
      }
      const issue = w.certificate?.issue ?? generated;
      if (issue && !generated) {
        issues.add(`${where}.certificate.issue`, `is true but namespace ${ns.name} uses its own CA files, whose private key this tool does not hold; issue the certificate from your CA, or use a generated CA (certificateAuthorities[].generated)`);
        return;
      }
      if (!issue) return;
      if (!ns.secretsManager) {
        issues.add(`namespaces[${ns.index}].secretsManager`, `is not set (nor defaults.secretsManager), so ${w.name}'s client certificate has nowhere to go; set secretsManager: { aws: { region } } or { gcp: { project } }`);
      } else {
        const needs = "aws" in ns.secretsManager ? "awsRoleArn" : "gcpServiceAccountEmail";
        if (!w.identity?.[needs]) {
          issues.add(`${where}.identity.${needs}`, `is required: only this identity may read the worker's client key; give the ${needs === "awsRoleArn" ? "IAM role ARN" : "service account email"} the worker runs as`);
        }
      }
    });
  }
};

export const MTLS_CHECKS: CrossCheck[] = [caNamesUniqueAndKnown, rotationScheduleSafe, caFilesValid, sharedCaNeedsFilters, mtlsWorkersComplete];
