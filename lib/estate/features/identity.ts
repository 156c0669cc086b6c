// Service accounts, API keys, human access (identity issue).
import { environmentOf } from "../../domain/environments";
import { accountRoleOf, permissionOf } from "../enum-values";
import { CustomRole } from "../../providers/temporalcloud/custom-role";
import { ServiceAccountPerWorker, ServiceAccountScope, type WorkerServiceAccountSpec } from "../../constructs/service-account-per-worker";
import { RotatingApiKey } from "../../constructs/rotating-api-key";
import { GroupNamespaceAccess } from "../../constructs/group-namespace-access";
import { workersWithServiceAccounts } from "../../config/checks/identity";
import { tfString, tfStrings } from "../../constructs/tokens";
import type { AssemblyContext, EstatePart, Feature } from "../assembly-context";

export const identityFeature: Feature = {
  afterNamespaces(ctx) {
    buildWorkerIdentities(ctx);
    buildHumanAccess(ctx);
  },
};

const workerKey = (namespace: string, worker: string) => `${namespace}/${worker}`;

function buildWorkerIdentities(ctx: AssemblyContext): void {
  const workers = workersWithServiceAccounts(ctx._resolved);
  if (workers.length === 0) return;
  // One ServiceAccountPerWorker per stack, holding the workers the Estate placed there.
  const accountsIn = new Map<EstatePart, ServiceAccountPerWorker>();
  for (const stack of new Set(workers.map(({ worker }) => worker.stack))) {
    const part = ctx.part(stack);
    const specs: WorkerServiceAccountSpec[] = workers.filter(({ worker }) => worker.stack === stack).map(({ ns, worker }) => ({
      worker: workerKey(ns.name, worker.name),
      serviceAccountName: worker.apiKeyIdentity.serviceAccountName,
      namespaceId: ctx.namespace(ns.name).namespaceId,
      permission: permissionOf(worker.permission),
      justification: worker.justification,
      crossNamespaceAccess: worker.crossNamespaceAccess?.map((c) => ({ namespaceId: ctx.namespace(c.namespace).namespaceId, permission: c.permission && permissionOf(c.permission) })),
      scope: worker.apiKeyIdentity.scope === "account" ? ServiceAccountScope.ACCOUNT : ServiceAccountScope.NAMESPACE,
      importId: worker.apiKeyIdentity.importServiceAccountId,
    }));
    accountsIn.set(part, new ServiceAccountPerWorker(part.scope, "identity-service-accounts", { workers: specs, provider: part.temporalProvider }));
  }

  const perNamespace = new Map<string, number>();
  for (const { ns, worker } of workers) {
    const key = workerKey(ns.name, worker.name);
    const part = ctx.part(worker.stack);
    const accounts = accountsIn.get(part) as ServiceAccountPerWorker;
    // The config layer refuses API-key workers without a secrets manager (checks/identity.ts).
    const target = ns.secretsManager as NonNullable<typeof ns.secretsManager>;
    const revoked = ns.apiKeysRevoked;
    const { serviceAccountName, rotation, secret } = worker.apiKeyIdentity;
    new RotatingApiKey(part.scope, `api-key-${ns.name}-${worker.name}`, {
      serviceAccountId: accounts.serviceAccount(key).id,
      displayName: serviceAccountName,
      rotationDays: rotation.rotationDays,
      minOverlapDays: rotation.minOverlapDays,
      applyCadenceDays: rotation.applyCadenceDays,
      environment: environmentOf(ns.environment),
      disabled: revoked,
      description: worker.apiKey?.description,
      provider: part.temporalProvider,
      secret: {
        secretName: secret.name,
        target,
        reader: worker.identity ?? {},
        awsProvider: target && "aws" in target ? part.aws(target.aws.region) : undefined,
        googleProvider: target && "gcp" in target ? part.google(target.gcp.project) : undefined,
        tags: secret.tags,
      },
    });
    perNamespace.set(ns.name, (perNamespace.get(ns.name) ?? 0) + 1);
    if (revoked) ctx.addSummaryFact(ns.name, "API keys", "REVOKED (incident)");
  }
  for (const [namespace, count] of perNamespace) {
    ctx.addSummaryFact(namespace, "Service accounts", String(count));
  }
}

function buildHumanAccess(ctx: AssemblyContext): void {
  const access = ctx._resolved.access;
  if (!access) return;
  const roleIds = new Map<string, string>();
  for (const role of access.customRoles) {
    const resource = new CustomRole(ctx.scope, `custom-role-${role.name}`, {
      provider: ctx.temporalProvider,
      // Config text is literal: escaped so Terraform never evaluates it.
      name: tfString(role.name),
      description: tfString(role.description),
      permissions: role.permissions.map((p) => ({
        actions: tfStrings(p.actions) as string[],
        resources: { resourceType: tfString(p.resourceType), resourceIds: tfStrings(p.resourceIds ?? []) as string[], allowAll: p.allowAll ?? false },
      })),
    });
    roleIds.set(role.name, resource.id);
  }
  access.groups.forEach((group, i) => {
    const part = ctx.part(group.stack);
    new GroupNamespaceAccess(part.scope, `group-access-${i}-${group.name.replace(/[^A-Za-z0-9-]/g, "-")}`, {
      provider: part.temporalProvider,
      name: group.name,
      scimIdpId: group.scimIdpId,
      accountRole: accountRoleOf(group.accountRole ?? "none"),
      justification: group.justification,
      customRoleIds: group.customRoles?.map((name) => roleIds.get(name) as string),
      namespaceAccesses: group.grants.map((g) => ({ namespaceId: ctx.namespace(g.namespace).namespaceId, permission: permissionOf(g.permission) })),
    });
  });
}
