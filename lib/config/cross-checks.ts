// Checks that span fields or namespaces. They run on the Estate after the schema accepted its shape; the
// checks of each area live in checks/ and are listed in CROSS_CHECKS below.
import type { IssueCollector } from "./issues";
import type { ResolvedConfig } from "./resolve";
import { DATA_PROTECTION_CHECKS } from "./checks/data-protection";
import { NETWORKING_CHECKS } from "./checks/networking";
import { HA_CHECKS } from "./checks/ha";
import { MTLS_CHECKS } from "./checks/mtls";
import { unreadableFileReason } from "./files";
import { IDENTITY_CHECKS } from "./checks/identity";
import { pipelineBackendPinsAccount, productionStateIsRemote } from "./checks/backend";
import { deployIdentityIsComplete } from "./checks/pipeline";

export type CrossCheck = (config: ResolvedConfig, issues: IssueCollector) => void;

const uniqueNamespaceNames: CrossCheck = (config, issues) => {
  const seen = new Map<string, number>();
  for (const ns of config.namespaces) {
    const first = seen.get(ns.name);
    if (first !== undefined) {
      issues.add(`namespaces[${ns.index}].name`, `"${ns.name}" is already used by namespaces[${first}]; namespace names must be unique`);
    } else seen.set(ns.name, ns.index);
  }
};

const regionsPresent: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    if (ns.regions.length === 0) {
      issues.add(`namespaces[${ns.index}].regions`, "is not set and defaults.regions is empty; give the namespace's region, e.g. regions: [aws-us-east-1]");
    }
  }
};

const authPresent: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    if (ns.authKind === "none") {
      issues.add(`namespaces[${ns.index}].auth`, "enables no authentication method; set auth.apiKey: true or configure auth.mtls");
    }
  }
};

const caFilesReadable: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    ns.caPemFiles.forEach((file, i) => {
      const reason = unreadableFileReason(file, ns.mtls?.caPemFiles?.[i] ?? file);
      if (reason) issues.add(`${ns.mtlsPath}.caPemFiles[${i}]`, reason);
    });
  }
};

const retentionWithinPolicy: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const { minDays, maxDays } = ns.profile.retention;
    if (minDays > maxDays) {
      issues.add(`environments.${ns.environment}.retention`, `minDays ${minDays} is above maxDays ${maxDays}; make minDays ≤ maxDays`);
      continue;
    }
    if (ns.retentionDays < minDays || ns.retentionDays > maxDays) {
      issues.add(
        `namespaces[${ns.index}].retentionDays`,
        `${ns.retentionDays} is outside the ${ns.environment} retention policy of ${minDays} to ${maxDays} days; choose a value in that range or change environments.${ns.environment}.retention`,
      );
    }
  }
};

const weakenedDefaultsNeedReason: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    if (!ns.profile.overridesNeedReason || ns.profileOverrideReason) continue;
    // Off where the profile has it on: only writing false can get there.
    if (!ns.deleteProtection && ns.profile.deleteProtection) {
      issues.add(`namespaces[${ns.index}].deleteProtection`, `false turns off delete protection on a ${ns.environment} namespace; remove it, or add profileOverrideReason explaining why`);
    }
    if (!ns.preventDestroy && ns.profile.preventDestroy) {
      issues.add(`namespaces[${ns.index}].preventDestroy`, `false allows terraform to destroy a ${ns.environment} namespace; remove it, or add profileOverrideReason explaining why`);
    }
  }
};

const uniqueWorkerNames: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const seen = new Map<string, number>();
    ns.workers.forEach((w, i) => {
      const first = seen.get(w.name);
      if (first !== undefined) {
        issues.add(`namespaces[${ns.index}].workers[${i}].name`, `"${w.name}" is already used by workers[${first}] of this namespace; each worker deployment needs its own name and identity`);
      } else seen.set(w.name, i);
    });
  }
};

const importNeedsAccount: CrossCheck = (config, issues) => {
  for (const ns of config.namespaces) {
    const adopted = ns.importSearchAttributes ?? [];
    if (adopted.length > 0 && !ns.adopt) {
      issues.add(`namespaces[${ns.index}].importSearchAttributes`, `is set, but import is not: only an existing namespace has search attributes to import; set import: true, or remove importSearchAttributes`);
    }
    adopted.forEach((name, i) => {
      if (!Object.prototype.hasOwnProperty.call(ns.searchAttributes, name)) {
        issues.add(`namespaces[${ns.index}].importSearchAttributes[${i}]`, `${JSON.stringify(name)} is not in searchAttributes; list it there with its type as well`);
      }
    });
    if (ns.adopt && ns.importId === undefined) {
      issues.add(`namespaces[${ns.index}].import`, `needs account.id: the existing namespace's id is "${ns.name}.<account id>"; set account.id (it also pins the provider to that account)`);
    }
  }
};

/** Checks run in this order. */
export const CROSS_CHECKS: CrossCheck[] = [
  uniqueNamespaceNames,
  regionsPresent,
  authPresent,
  caFilesReadable,
  retentionWithinPolicy,
  weakenedDefaultsNeedReason,
  uniqueWorkerNames,
  importNeedsAccount,
  ...DATA_PROTECTION_CHECKS,
  ...NETWORKING_CHECKS,
  ...HA_CHECKS,
  ...MTLS_CHECKS,
  ...IDENTITY_CHECKS,
  productionStateIsRemote,
  pipelineBackendPinsAccount,
  deployIdentityIsComplete,
];
