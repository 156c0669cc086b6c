// Identity checks: service accounts per worker, API-key rotation, secrets targets, human access, incident switch.
import type { CrossCheck } from "../cross-checks";
import type { ResolvedConfig, ResolvedNamespace, ResolvedWorker } from "../resolve";
import { checkRotationSettings } from "../../domain/api-key-rotation";

type ApiKeyWorker = ResolvedWorker & { readonly apiKeyIdentity: NonNullable<ResolvedWorker["apiKeyIdentity"]> };

/** Workers that authenticate with API keys get a service account; mTLS workers authenticate with their certificate. */
export function workersWithServiceAccounts(config: ResolvedConfig): Array<{ ns: ResolvedNamespace; worker: ApiKeyWorker; index: number }> {
  return config.namespaces.flatMap((ns) => ns.workers
    .filter((worker): worker is ApiKeyWorker => worker.apiKeyIdentity !== undefined)
    .map((worker) => ({ ns, worker, index: worker.index })));
}

const workerPath = (ns: ResolvedNamespace, i: number) => `namespaces[${ns.index}].workers[${i}]`;

const workerPermissions: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    ns.workers.forEach((w, i) => {
      if (w.permission === "admin" && !w.justification) {
        issues.add(`${workerPath(ns, i)}.permission`, `admin gives worker "${w.name}" control of namespace ${ns.name} itself; use write (or read for observers), or add justification explaining why it needs admin`);
      }
    });
  }
};

const mtlsWorkersHaveNoServiceAccount: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    ns.workers.forEach((w, i) => {
      if (w.auth !== "mtls") return;
      for (const field of ["apiKey", "crossNamespaceAccess", "serviceAccountName", "import"] as const) {
        if (w[field] !== undefined) {
          issues.add(`${workerPath(ns, i)}.${field}`, `is set, but worker "${w.name}" authenticates with mTLS and gets no service account or API key; remove ${field}, or set auth: apiKey`);
        }
      }
    });
  }
};

const uniqueServiceAccounts: CrossCheck = (config, issues) => {
  const owners = new Map<string, string>();
  for (const { ns, worker, index } of workersWithServiceAccounts(config)) {
    const name = worker.apiKeyIdentity.serviceAccountName;
    const owner = owners.get(name);
    if (owner !== undefined) {
      issues.add(`${workerPath(ns, index)}.serviceAccountName`, `"${name}" is already the service account of ${owner}; two workers may not share a service account, set a different serviceAccountName`);
    } else owners.set(name, `${workerPath(ns, index)} (${ns.name}/${worker.name})`);
  }
};

const apiKeyWorkers: CrossCheck = (config, issues) => {
  for (const { ns, worker, index } of workersWithServiceAccounts(config)) {
    const at = workerPath(ns, index);
    if (!ns.apiKeyAuth) {
      issues.add(`${at}.auth`, `apiKey, but namespace ${ns.name} does not enable API-key authentication; set auth.apiKey: true on the namespace or use auth: mtls`);
    }
    const target = ns.secretsManager;
    if (!target) {
      issues.add(`namespaces[${ns.index}].secretsManager`, `is not set (nor defaults.secretsManager), so worker "${worker.name}"'s API keys have nowhere safe to go; set secretsManager: { aws: { region } } or { gcp: { project } }`);
    } else if ("aws" in target && !worker.identity?.awsRoleArn) {
      issues.add(`${at}.identity.awsRoleArn`, `is required: worker "${worker.name}"'s keys go to AWS Secrets Manager and only this IAM role may read them; give the worker's role ARN`);
    } else if ("gcp" in target && !worker.identity?.gcpServiceAccountEmail) {
      issues.add(`${at}.identity.gcpServiceAccountEmail`, `is required: worker "${worker.name}"'s keys go to GCP Secret Manager and only this service account may read them; give the worker's service account email`);
    }
    for (const [field, message] of checkRotationSettings(worker.apiKeyIdentity.rotation, ns.profile.maxApiKeyRotationDays, ns.environment)) {
      issues.add(field === "applyCadenceDays" ? "defaults.applyCadenceDays" : `${at}.apiKey.${field}`, field === "applyCadenceDays" ? `${message} (worker ${ns.name}/${worker.name})` : message);
    }
  }
};

const crossNamespaceTargets: CrossCheck = (config, issues) => {
  const names = new Set(config.namespaces.map((n) => n.name));
  for (const ns of config.namespaces) {
    ns.workers.forEach((w, i) => {
      if (w.scope === "namespace" && w.crossNamespaceAccess) {
        issues.add(`${workerPath(ns, i)}.scope`, `is namespace, but crossNamespaceAccess gives worker "${w.name}" other namespaces; a namespace-scoped service account has exactly one namespace: set scope: account (on a new account only: a deployed namespace-scoped account cannot be converted) or remove crossNamespaceAccess`);
      }
      const seen = new Set<string>();
      (w.crossNamespaceAccess ?? []).forEach((c, j) => {
        const at = `${workerPath(ns, i)}.crossNamespaceAccess[${j}].namespace`;
        if (c.namespace === ns.name) issues.add(at, `"${c.namespace}" is the worker's own namespace; list only other namespaces`);
        else if (!names.has(c.namespace)) issues.add(at, `"${c.namespace}" is not a namespace of this estate; use one of ${[...names].join(", ")}`);
        else if (seen.has(c.namespace)) issues.add(at, `"${c.namespace}" is listed twice; list each namespace once`);
        seen.add(c.namespace);
      });
    });
  }
};

const humanAccess: CrossCheck = (config, issues) => {
  const access = config.access;
  if (!access) return;
  const roles = new Set(access.customRoles.map((r) => r.name));
  const roleNames = new Set<string>();
  access.customRoles.forEach((r, i) => {
    if (roleNames.has(r.name)) issues.add(`access.customRoles[${i}].name`, `"${r.name}" is already used; custom role names must be unique`);
    roleNames.add(r.name);
    r.permissions.forEach((p, j) => {
      const ids = p.resourceIds ?? [];
      if (p.allowAll && ids.length > 0) issues.add(`access.customRoles[${i}].permissions[${j}]`, "sets both allowAll and resourceIds; use one of them");
      if (!p.allowAll && ids.length === 0) issues.add(`access.customRoles[${i}].permissions[${j}]`, "names no resource; give resourceIds or set allowAll: true");
    });
  });
  const namespaceNames = new Set(config.namespaces.map((n) => n.name));
  const groupNames = new Set<string>();
  const idpIds = new Set<string>();
  access.groups.forEach((g, i) => {
    const at = `access.groups[${i}]`;
    if (groupNames.has(g.name)) issues.add(`${at}.name`, `"${g.name}" is already used; group names must be unique`);
    groupNames.add(g.name);
    if (g.scimIdpId) {
      if (idpIds.has(g.scimIdpId)) issues.add(`${at}.scimIdpId`, `"${g.scimIdpId}" is already mapped by another group; map each SCIM group once`);
      idpIds.add(g.scimIdpId);
    }
    if (g.accountRole === "admin" && !g.justification) {
      issues.add(`${at}.accountRole`, `admin makes group "${g.name}" administrator of the whole account; use developer or read, or add justification explaining why`);
    }
    const grants = g.grants;
    if (g.accountRole === "admin" && grants.length > 0) {
      issues.add(`${at}.accountRole`, "admin already covers every namespace and cannot be combined with namespace permissions; remove environments/namespaces or use a lower account role");
    }
    if (!g.justification && grants.some((x) => x.permission === "admin")) {
      issues.add(`${at}`, `gives group "${g.name}" admin on a namespace; use write or read, or add justification explaining why`);
    }
    (g.customRoles ?? []).forEach((name, j) => {
      if (!roles.has(name)) issues.add(`${at}.customRoles[${j}]`, `"${name}" is not defined in access.customRoles; define it or remove the reference`);
    });
    for (const name of Object.keys(g.namespaces ?? {})) {
      if (!namespaceNames.has(name)) issues.add(`${at}.namespaces.${name}`, `"${name}" is not a namespace of this estate; use one of ${[...namespaceNames].join(", ")}`);
    }
  });
};

const incidentTargets: CrossCheck = (config, issues) => {
  const revoke = config.incident?.revokeApiKeys;
  if (!Array.isArray(revoke)) return;
  const names = new Set(config.namespaces.map((n) => n.name));
  revoke.forEach((name, i) => {
    if (!names.has(name)) issues.add(`incident.revokeApiKeys[${i}]`, `"${name}" is not a namespace of this estate; use one of ${[...names].join(", ")} (or true for all)`);
  });
};

export const IDENTITY_CHECKS: CrossCheck[] = [
  workerPermissions,
  mtlsWorkersHaveNoServiceAccount,
  uniqueServiceAccounts,
  apiKeyWorkers,
  crossNamespaceTargets,
  humanAccess,
  incidentTargets,
];
