// What every RPC handler receives, and helpers shared by the resource handlers.
import { randomBytes } from "node:crypto";
import type { Principal } from "../auth";
import type { Access } from "../permissions";
import { toTimestamp } from "../clock";
import type { CollectionName, Effect, Rec, Spec, Store } from "../store";

export interface Ctx {
  readonly store: Store;
  readonly principal: Principal;
  /** What the caller may do (already checked for this RPC; lists filter by it). */
  readonly access: Access;
  /** Digest of this request, for idempotent retries under the same async_operation_id. */
  readonly digest: string;
  readonly method: string;
}

export type Handler = (req: Spec, ctx: Ctx) => Spec;
export type Handlers = Readonly<Record<string, Handler>>;

/** The common envelope of identified resources (id, version, state, times, last operation). */
export function envelope(rec: Rec, idField = "id"): Spec {
  return {
    [idField]: rec.id,
    resourceVersion: String(rec.version),
    spec: rec.spec,
    state: rec.state,
    createdTime: toTimestamp(rec.created),
    lastModifiedTime: toTimestamp(rec.modified),
    ...(rec.opId ? { asyncOperationId: rec.opId } : {}),
  };
}

/** Starts the operation that finishes a write; `extra` adds fields (ids, tokens) to the response. */
export function operate(ctx: Ctx, req: Spec, effects: Effect[], extra: Spec = {}): Spec {
  return ctx.store.startOperation(ctx.method, req.asyncOperationId, ctx.digest, effects, (asyncOperation) => ({ ...extra, asyncOperation }));
}

export function activate(collection: CollectionName, id: string): Effect {
  return { collection, id, action: "activate" };
}

export function remove(collection: CollectionName, id: string): Effect {
  return { collection, id, action: "remove" };
}

/** Marks a record deleted-pending; the operation removes it once fulfilled. */
export function deleteRecord(ctx: Ctx, req: Spec, collection: CollectionName, rec: Rec, what: string): Spec {
  ctx.store.checkVersion(rec, req.resourceVersion, what);
  ctx.store.touch(rec, "RESOURCE_STATE_DELETING");
  return operate(ctx, req, [remove(collection, rec.id)]);
}

/** Simple page over a list (page_token is the offset). */
export function page<T>(items: readonly T[], req: Spec): { items: T[]; nextPageToken: string } {
  const size = Number(req.pageSize) > 0 ? Number(req.pageSize) : 100;
  const start = Number(req.pageToken || 0);
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? String(start + size) : "";
  return { items: slice, nextPageToken: next };
}

export function newId(): string {
  return randomBytes(16).toString("hex");
}
