import { Construct } from "constructs";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { ServiceAccount } from "../providers/temporalcloud/service-account";
import type { Problem } from "../domain/namespace-rules";
import { addProblems } from "./errors";
import { isToken, tfString } from "./tokens";

export type NamespacePermission = "read" | "write" | "admin";

/** Access a worker's service account gets to a namespace other than its own. */
export interface CrossNamespaceAccess {
  readonly namespaceId: string;
  /** @default "read" */
  readonly permission?: "read" | "write";
}

/** One worker deployment's machine identity. */
export interface WorkerServiceAccountSpec {
  /** Unique key of the worker deployment, e.g. `payments-prod/charger`; used in construct ids. */
  readonly worker: string;
  /** Service account name; unique across the account (two workers never share one). */
  readonly serviceAccountName: string;
  /** Id of the worker's own namespace (e.g. `SecureNamespace.namespaceId`). */
  readonly namespaceId: string;
  /**
   * Permission on its own namespace: `write` for workers, `read` for observers, `admin` only with a justification.
   * @default "write"
   */
  readonly permission?: NamespacePermission;
  /** Why this worker needs admin (required with permission admin, at least 10 characters). @default none */
  readonly justification?: string;
  /**
   * Other namespaces the worker needs. Only then is the service account account-level
   * (`account_access = read` plus `namespace_accesses`); never admin across namespaces.
   * @default none: a namespace-scoped service account
   */
  readonly crossNamespaceAccess?: readonly CrossNamespaceAccess[];
  /** @default "Worker deployment <worker>, managed by temporal-cloud-guardrails" */
  readonly description?: string;
}

export interface ServiceAccountPerWorkerProps {
  /** The worker deployments; each gets its own service account. */
  readonly workers: readonly WorkerServiceAccountSpec[];
  /** temporalcloud provider. @default the stack's default temporalcloud provider */
  readonly provider?: TemporalcloudProvider;
}

/**
 * One `temporalcloud_service_account` per worker deployment, least privilege by default: namespace-scoped
 * (`namespace_scoped_access`) with `write`; account-level only for explicit cross-namespace access, and then
 * with the lowest account role (`read`). Shared or colliding service-account names are rejected.
 */
export class ServiceAccountPerWorker extends Construct {
  /** Service accounts by worker key (escape hatch). */
  public readonly serviceAccounts: Readonly<Record<string, ServiceAccount>>;

  constructor(scope: Construct, id: string, props: ServiceAccountPerWorkerProps) {
    super(scope, id);
    addProblems(this, validateWorkers(props.workers));
    const accounts: Record<string, ServiceAccount> = {};
    for (const spec of props.workers) {
      // A repeated worker is a validation problem; it gets no second account.
      if (accounts[spec.worker]) continue;
      const permission = spec.permission ?? "write";
      const description = tfString(spec.description ?? `Worker deployment ${spec.worker}, managed by temporal-cloud-guardrails`);
      const name = tfString(spec.serviceAccountName);
      const cross = spec.crossNamespaceAccess ?? [];
      accounts[spec.worker] = new ServiceAccount(this, constructIdFor(spec.worker), cross.length === 0
        ? {
          provider: props.provider,
          name,
          description,
          namespaceScopedAccess: { namespaceId: spec.namespaceId, permission },
        }
        : {
          provider: props.provider,
          name,
          description,
          // Lowest account role; the real grants are the namespace accesses below.
          accountAccess: "read",
          namespaceAccesses: [
            { namespaceId: spec.namespaceId, permission },
            ...cross.map((c) => ({ namespaceId: c.namespaceId, permission: c.permission ?? "read" })),
          ],
        });
    }
    this.serviceAccounts = accounts;
  }

  /** The service account of `worker`. */
  public serviceAccount(worker: string): ServiceAccount {
    const account = this.serviceAccounts[worker];
    if (!account) throw new Error(`no service account for worker "${worker}"; known: ${Object.keys(this.serviceAccounts).join(", ")}`);
    return account;
  }
}

function constructIdFor(worker: string): string {
  return `sa-${worker.replace(/[^A-Za-z0-9-]/g, "-")}`;
}

function validateWorkers(workers: readonly WorkerServiceAccountSpec[]): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map<string, string>();
  const byWorker = new Set<string>();
  workers.forEach((spec, i) => {
    const at = `workers[${i}]`;
    if (byWorker.has(spec.worker)) problems.push([`${at}.worker`, `"${spec.worker}" is listed twice; each worker deployment appears once`]);
    byWorker.add(spec.worker);
    const owner = byName.get(spec.serviceAccountName);
    if (owner !== undefined) {
      problems.push([`${at}.serviceAccountName`, `"${spec.serviceAccountName}" is already the service account of worker "${owner}"; two workers may not share a service account, give this one its own name`]);
    } else byName.set(spec.serviceAccountName, spec.worker);
    if (!isToken(spec.serviceAccountName) && spec.serviceAccountName.trim().length === 0) problems.push([`${at}.serviceAccountName`, "is empty; give the service account a name"]);
    const permission = spec.permission ?? "write";
    if (!["read", "write", "admin"].includes(permission)) {
      problems.push([`${at}.permission`, `${JSON.stringify(permission)} is not a namespace permission; use write (workers), read (observers) or admin with a justification`]);
    }
    if (permission === "admin" && (spec.justification ?? "").trim().length < 10) {
      problems.push([`${at}.permission`, `admin gives worker "${spec.worker}" control of the namespace itself; use write, or add a justification (at least 10 characters) saying why it needs admin`]);
    }
    const seen = new Set<string>([spec.namespaceId]);
    (spec.crossNamespaceAccess ?? []).forEach((c, j) => {
      const p = c.permission ?? "read";
      if (p !== "read" && p !== "write") {
        problems.push([`${at}.crossNamespaceAccess[${j}].permission`, `${JSON.stringify(p)} is not allowed across namespaces; use read or write (admin is never granted to a worker across namespaces)`]);
      }
      if (seen.has(c.namespaceId)) {
        problems.push([`${at}.crossNamespaceAccess[${j}].namespaceId`, `${JSON.stringify(c.namespaceId)} is the worker's own namespace or is listed twice; list each other namespace once`]);
      }
      seen.add(c.namespaceId);
    });
  });
  return problems;
}
