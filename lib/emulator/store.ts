// The emulator's state: every resource as an internal record, async operations, and persistence to a
// JSON file (written to a temporary file, then renamed, so a crash never leaves half a file).
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { toTimestamp as toTs, type Clock } from "./clock";
import { failedPrecondition, invalid, notFound } from "./errors";

export type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One resource. `spec` is the API's spec message as a plain object; `extra` holds server-side fields. */
export interface Rec {
  id: string;
  version: number;
  spec: Spec;
  state: string;
  created: number;
  modified: number;
  opId?: string;
  extra: Spec;
}

export const COLLECTIONS = [
  "namespaces",
  "apiKeys",
  "serviceAccounts",
  "users",
  "userGroups",
  "customRoles",
  "connectivityRules",
  "exportSinks",
  "auditLogSinks",
  "nexusEndpoints",
] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export interface Effect {
  collection: CollectionName | "account";
  id: string;
  action: "activate" | "remove";
}

export interface Operation {
  id: string;
  type: string;
  state: "STATE_PENDING" | "STATE_IN_PROGRESS" | "STATE_FULFILLED" | "STATE_FAILED";
  pollsLeft: number;
  started: number;
  finished?: number;
  effects: Effect[];
  /** Digest of the request that started it, so a retried call with the same id is answered again. */
  digest: string;
}

export interface StateData {
  format: 1;
  accountId: string;
  account: Rec;
  collections: Record<CollectionName, Record<string, Rec>>;
  groupMembers: Record<string, string[]>;
  operations: Record<string, Operation>;
  /** Hashes of deleted API keys' tokens: refused even in open mode, where unknown keys are accepted. */
  revokedTokens: string[];
  /** The clock's offset from real time when last saved, so a moved clock survives a restart. */
  clockOffsetMs?: number;
}

export interface StoreOptions {
  readonly accountId: string;
  readonly file?: string;
  /** GetAsyncOperation calls before an operation is fulfilled (1: the first poll sees it fulfilled). */
  readonly asyncPolls: number;
}

const ACTIVE = "RESOURCE_STATE_ACTIVE";

export class Store {
  readonly data: StateData;
  /** Responses of started operations, for retries; in memory only, as they may carry a new key's token. */
  private readonly responses = new Map<string, Spec>();

  constructor(readonly clock: Clock, readonly options: StoreOptions) {
    this.data = (options.file && readState(options.file)) || emptyState(options.accountId, clock.now());
    if (this.data.accountId !== options.accountId) {
      throw new Error(
        `state file ${options.file} belongs to account "${this.data.accountId}", not "${options.accountId}"; ` +
          `pass --account-id ${this.data.accountId} or use another --state file`,
      );
    }
  }

  get accountId(): string {
    return this.data.accountId;
  }

  all(collection: CollectionName): Rec[] {
    return Object.values(this.data.collections[collection]);
  }

  find(collection: CollectionName, id: string): Rec | undefined {
    return this.data.collections[collection][id];
  }

  /** The record, or NotFound naming what was looked up. */
  get(collection: CollectionName, id: string, what: string): Rec {
    const rec = this.find(collection, id);
    if (!rec) throw notFound(`${what} "${id}" not found`);
    return rec;
  }

  /** Deletes a record at once; a deleted API key's token stays refused. */
  remove(collection: CollectionName, id: string): void {
    const rec = this.find(collection, id);
    if (rec?.extra.tokenHash) this.data.revokedTokens.push(rec.extra.tokenHash);
    delete this.data.collections[collection][id];
  }

  insert(collection: CollectionName, id: string, spec: Spec, extra: Spec = {}): Rec {
    const now = this.clock.now();
    const rec: Rec = { id, version: 1, spec, state: "RESOURCE_STATE_ACTIVATING", created: now, modified: now, extra };
    this.data.collections[collection][id] = rec;
    return rec;
  }

  /** Rejects a stale resource_version (optimistic concurrency); an empty one skips the check. */
  checkVersion(rec: Rec, resourceVersion: string | undefined, what: string): void {
    if (resourceVersion && resourceVersion !== String(rec.version)) {
      throw failedPrecondition(
        `${what} "${rec.id}": resource_version "${resourceVersion}" is stale; the current version is "${rec.version}". Read it again and retry`,
      );
    }
    if (rec.state === "RESOURCE_STATE_DELETING") throw failedPrecondition(`${what} "${rec.id}" is being deleted`);
  }

  touch(rec: Rec, state = "RESOURCE_STATE_UPDATING"): void {
    rec.version += 1;
    rec.modified = this.clock.now();
    rec.state = state;
  }

  /** The answer already given to a write with this async_operation_id (a client retry), if any. */
  replay(requestedId: string | undefined, digest: string): Spec | undefined {
    const existing = requestedId ? this.data.operations[requestedId] : undefined;
    if (!existing) return undefined;
    if (existing.digest !== digest) throw invalid(`async_operation_id "${requestedId}" was already used for a different request`);
    return this.responses.get(existing.id) ?? { asyncOperation: this.renderOperation(existing) };
  }

  /** Starts an async operation; its effects apply when a later GetAsyncOperation sees it fulfilled. */
  startOperation(type: string, requestedId: string | undefined, digest: string, effects: Effect[], response: (op: Spec) => Spec): Spec {
    const id = requestedId || randomUUID();
    const existing = this.data.operations[id];
    if (existing) {
      if (existing.digest === digest) return this.responses.get(id) ?? { asyncOperation: this.renderOperation(existing) };
      throw invalid(`async_operation_id "${id}" was already used for a different request`);
    }
    const op: Operation = { id, type, state: "STATE_PENDING", pollsLeft: this.options.asyncPolls, started: this.clock.now(), effects, digest };
    for (const e of effects) {
      const rec = e.collection === "account" ? this.data.account : this.find(e.collection, e.id);
      if (rec) rec.opId = id;
    }
    const answer = response(this.renderOperation(op));
    this.data.operations[id] = op;
    this.responses.set(id, answer);
    this.save();
    return answer;
  }

  operation(id: string): Operation {
    const op = this.data.operations[id];
    if (!op) throw notFound(`async operation "${id}" not found`);
    return op;
  }

  /** One poll: pending → in progress → fulfilled, as many polls as configured. */
  poll(id: string): Operation {
    const op = this.operation(id);
    if (op.state === "STATE_FULFILLED" || op.state === "STATE_FAILED") return op;
    op.pollsLeft -= 1;
    if (op.pollsLeft > 0) {
      op.state = "STATE_IN_PROGRESS";
    } else {
      this.applyEffects(op);
      op.state = "STATE_FULFILLED";
      op.finished = this.clock.now();
    }
    this.save();
    return op;
  }

  private applyEffects(op: Operation): void {
    for (const e of op.effects) {
      if (e.collection === "account") {
        this.data.account.state = ACTIVE;
        continue;
      }
      const rec = this.find(e.collection, e.id);
      if (!rec || rec.opId !== op.id) continue; // a later operation owns it now
      if (e.action === "remove") this.remove(e.collection, e.id);
      else rec.state = ACTIVE;
    }
  }

  renderOperation(op: Operation): Spec {
    return {
      id: op.id,
      state: op.state,
      operationType: op.type,
      checkDuration: { seconds: 1, nanos: 0 },
      startedTime: toTs(op.started),
      ...(op.finished ? { finishedTime: toTs(op.finished) } : {}),
    };
  }

  save(): void {
    const file = this.options.file;
    if (!file) return;
    this.data.clockOffsetMs = this.clock.offset;
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(temp, JSON.stringify(this.data));
    fs.renameSync(temp, file);
  }
}

function emptyState(accountId: string, now: number): StateData {
  const collections = Object.fromEntries(COLLECTIONS.map((c) => [c, {}])) as StateData["collections"];
  const account: Rec = { id: accountId, version: 1, spec: {}, state: ACTIVE, created: now, modified: now, extra: {} };
  return { format: 1, accountId, account, collections, groupMembers: {}, operations: {}, revokedTokens: [] };
}

function readState(file: string): StateData | undefined {
  if (!fs.existsSync(file)) return undefined;
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as StateData;
  if (data.format !== 1) throw new Error(`state file ${file} has format ${String(data.format)}; this emulator reads format 1`);
  for (const c of COLLECTIONS) data.collections[c] ??= {};
  data.revokedTokens ??= [];
  return data;
}
