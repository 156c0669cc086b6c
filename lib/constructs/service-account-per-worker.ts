import { Construct } from "constructs";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import { ServiceAccount } from "../providers/temporalcloud/service-account";
import type { Problem } from "../domain/namespace-rules";
import { addDeferredProblems } from "./errors";
import type { IServiceAccount, NamespacePermission } from "./references";
import { isToken, tfString } from "./tokens";

export type { NamespacePermission } from "./references";

/**
 * Whether a worker's service account is namespace-scoped or account-level. Decided when the account is
 * created: Temporal Cloud cannot turn a deployed namespace-scoped account into an account-level one (the plan
 * shows an in-place update, the apply fails), so grants never change it.
 */
export enum ServiceAccountScope {
  /** `namespace_scoped_access`: one namespace, account role read; deleted with its namespace. */
  NAMESPACE = "namespace",
  /** Account role `read` plus `namespace_accesses`: the worker's namespace and any it is granted. */
  ACCOUNT = "account",
}

/** Access a worker's service account gets to a namespace other than its own. */
export interface CrossNamespaceAccess {
  readonly namespaceId: string;
  /** Read or write (admin is never granted across namespaces). @default read */
  readonly permission?: NamespacePermission;
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
   * Other namespaces the worker needs (read or write, never admin across namespaces); the account must be
   * account-level (`scope`).
   * @default none
   */
  readonly crossNamespaceAccess?: CrossNamespaceAccess[];
  /**
   * The account's scope. Choose `ACCOUNT` for a worker that will be granted other namespaces later
   * (`grantAccess`, `crossNamespaceAccess`): a deployed namespace-scoped account cannot be converted.
   * @default ServiceAccountScope.ACCOUNT with crossNamespaceAccess, ServiceAccountScope.NAMESPACE without
   */
  readonly scope?: ServiceAccountScope;
  /** @default "Worker deployment <worker>, managed by temporal-cloud-guardrails" */
  readonly description?: string;
  /**
   * Id of an existing service account to adopt for this worker (a Terraform `import` block); the plan then
   * changes it to match this spec. Its API keys cannot be imported: RotatingApiKey issues new ones.
   * @default none (a new service account is created)
   */
  readonly importId?: string;
}

export interface ServiceAccountPerWorkerProps {
  /** The worker deployments; each gets its own service account. */
  readonly workers: WorkerServiceAccountSpec[];
  /** temporalcloud provider. @default the stack's default temporalcloud provider */
  readonly provider?: TemporalcloudProvider;
}

/**
 * One `temporalcloud_service_account` per worker deployment, least privilege by default: namespace-scoped
 * (`namespace_scoped_access`) with `write`; account-level only for explicit cross-namespace access, and then
 * with the lowest account role (`read`). Shared or colliding service-account names are rejected.
 */
export class ServiceAccountPerWorker extends Construct {
  /**
   * A service account that exists outside this app, by id (may be a token): its id can be passed where one
   * is taken (RotatingApiKey `serviceAccountId`). Grants to it are refused: its access is managed elsewhere.
   */
  public static fromServiceAccountId(scope: Construct, id: string, serviceAccountId: string): IServiceAccount {
    return new ExistingServiceAccount(scope, id, serviceAccountId);
  }

  /** Service accounts by worker key (escape hatch). */
  public readonly serviceAccounts: Readonly<Record<string, ServiceAccount>>;
  private readonly accounts: Record<string, ServiceAccount> = {};
  /** The specs as they grow with addWorker and grants; checked together at synth. */
  private readonly specs: GrowingSpec[] = [];
  private readonly provider?: TemporalcloudProvider;

  constructor(scope: Construct, id: string, props: ServiceAccountPerWorkerProps) {
    super(scope, id);
    this.provider = props.provider;
    this.serviceAccounts = this.accounts;
    addDeferredProblems(this, () => validateWorkers(this.specs));
    for (const spec of props.workers) this.addWorker(spec);
  }

  /** Adds one worker deployment and its service account. */
  public addWorker(spec: WorkerServiceAccountSpec): ServiceAccount {
    this.specs.push({ ...spec, crossNamespaceAccess: [...(spec.crossNamespaceAccess ?? [])], grants: 0, scope: scopeOf(spec) });
    // A repeated worker is a validation problem; it gets no second account.
    const existing = this.accounts[spec.worker];
    if (existing) return existing;
    const account = new ServiceAccount(this, constructIdFor(spec.worker), {
      provider: this.provider,
      name: tfString(spec.serviceAccountName),
      description: tfString(spec.description ?? `Worker deployment ${spec.worker}, managed by temporal-cloud-guardrails`),
      ...accessOf(this.specs[this.specs.length - 1]),
    });
    if (spec.importId !== undefined) account.importFrom(tfString(spec.importId), this.provider);
    this.accounts[spec.worker] = account;
    return account;
  }

  /** The service account of `worker`. */
  public serviceAccount(worker: string): ServiceAccount {
    const account = this.accounts[worker];
    if (!account) throw new Error(`no service account for worker "${worker}"; known: ${Object.keys(this.accounts).join(", ")}`);
    return account;
  }

  /**
   * The service account of `worker` as a grantee: `namespace.grantAccess(workers.serviceAccountOf(w), NamespacePermission.READ)`.
   * Grants need an account-level worker (`scope: ServiceAccountScope.ACCOUNT`); on a namespace-scoped one they
   * are a validation problem.
   */
  public serviceAccountOf(worker: string): IServiceAccount {
    const account = this.serviceAccount(worker);
    const spec = this.specs.find((s) => s.worker === worker) as GrowingSpec;
    return {
      principalId: account.id,
      serviceAccountId: account.id,
      addNamespaceAccess: (namespaceId, permission) => {
        // read/write only (checked with the spec). The scope stays as created: a namespace-scoped account
        // reports the grant (validateWorkers) and keeps its access.
        const scope = scopeOf(spec);
        spec.crossNamespaceAccess.push({ namespaceId, permission });
        spec.grants += 1;
        if (scope === ServiceAccountScope.NAMESPACE) return;
        const access = accessOf(spec);
        account.putNamespaceAccesses(access.namespaceAccesses as { namespaceId: string; permission: string }[]);
      },
    };
  }
}

/** A spec as grants add to it; `scope` is fixed when the account is created. */
type GrowingSpec = WorkerServiceAccountSpec & { crossNamespaceAccess: CrossNamespaceAccess[]; grants: number; scope: ServiceAccountScope };

function scopeOf(spec: WorkerServiceAccountSpec): ServiceAccountScope {
  if (spec.scope !== undefined) return spec.scope;
  return (spec.crossNamespaceAccess ?? []).length > 0 ? ServiceAccountScope.ACCOUNT : ServiceAccountScope.NAMESPACE;
}

/** Namespace-scoped access for a namespace-scoped worker; account-level `read` plus its namespaces otherwise. */
function accessOf(spec: WorkerServiceAccountSpec) {
  const permission = spec.permission ?? "write";
  const cross = spec.crossNamespaceAccess ?? [];
  if (scopeOf(spec) === ServiceAccountScope.NAMESPACE) return { namespaceScopedAccess: { namespaceId: tfString(spec.namespaceId), permission } };
  return {
    // Lowest account role; the real grants are the namespace accesses.
    accountAccess: "read",
    namespaceAccesses: [
      { namespaceId: tfString(spec.namespaceId), permission },
      ...cross.map((c) => ({ namespaceId: tfString(c.namespaceId), permission: c.permission ?? "read" })),
    ],
  };
}

/** A service account this app does not manage (ServiceAccountPerWorker.fromServiceAccountId). */
class ExistingServiceAccount extends Construct implements IServiceAccount {
  public readonly principalId: string;
  private readonly refused: string[] = [];

  constructor(scope: Construct, id: string, public readonly serviceAccountId: string) {
    super(scope, id);
    this.principalId = serviceAccountId;
    addDeferredProblems(this, () => this.refused.map((namespaceId) => ["grantAccess", `cannot grant access to ${isToken(namespaceId) ? "a namespace" : JSON.stringify(namespaceId)}: this is an existing service account whose access is managed outside this app; adopt it into a ServiceAccountPerWorker (importId) to manage its access here`] as const));
  }

  public addNamespaceAccess(namespaceId: string): void {
    this.refused.push(namespaceId);
  }
}

function constructIdFor(worker: string): string {
  return `sa-${worker.replace(/[^A-Za-z0-9-]/g, "-")}`;
}

function validateWorkers(workers: readonly GrowingSpec[]): Problem[] {
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
    if (!Object.values(ServiceAccountScope).includes(spec.scope)) {
      problems.push([`${at}.scope`, `${JSON.stringify(spec.scope)} is not a service-account scope; use ServiceAccountScope.NAMESPACE ("namespace") or ServiceAccountScope.ACCOUNT ("account")`]);
    } else if (spec.scope === ServiceAccountScope.NAMESPACE && spec.crossNamespaceAccess.length > 0) {
      const how = spec.grants > 0 ? "grantAccess gives" : "crossNamespaceAccess gives";
      problems.push([`${at}.scope`, `worker "${spec.worker}" is namespace-scoped but ${how} it other namespaces; set scope: ServiceAccountScope.ACCOUNT when the account is created (Temporal Cloud cannot convert a deployed namespace-scoped account: terraform plans an in-place update and the apply fails), or give the other namespace's client its own worker entry`]);
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
