// The gRPC server: authenticates each call, dispatches it to the resource handlers, logs method and
// status (never tokens), and answers with the real API's status codes.
import { createHash } from "node:crypto";
import type * as grpc from "@grpc/grpc-js";
import { startAdmin, type AdminServer } from "./admin";
import { Authenticator } from "./auth";
import { Clock } from "./clock";
import { ApiError, Code, codeName } from "./errors";
import { accountHandlers } from "./handlers/account";
import type { Ctx, Handler } from "./handlers/context";
import { identityHandlers } from "./handlers/identity";
import { namespaceHandlers } from "./handlers/namespaces";
import { connectivityHandlers } from "./handlers/connectivity";
import { peopleHandlers, seedScimGroup } from "./handlers/people";
import { accessOf, authorize } from "./permissions";
import { cloudServiceMethods, loadRuntime } from "./proto";
import { Store, type Spec } from "./store";

export const DEFAULT_ACCOUNT_ID = "a1b2c";

export interface EmulatorOptions {
  /** 0 picks a free port. @default 0 */
  readonly port?: number;
  /** State file; absent keeps everything in memory. */
  readonly stateFile?: string;
  /** @default "a1b2c" */
  readonly accountId?: string;
  /** Milliseconds added to the real clock. @default the offset saved in the state file, else 0 */
  readonly clockOffsetMs?: number;
  /** The key that authenticates as the account owner; without one, any key not issued here does (open mode). */
  readonly bootstrapKey?: string;
  /** GetAsyncOperation calls until an operation is fulfilled. @default 1 */
  readonly asyncPolls?: number;
  /** Port of the HTTP admin endpoint (clock); 0 picks one, false disables it. @default 0 */
  readonly adminPort?: number | false;
  /** SCIM groups the identity provider "pushed" (idp ids), for `temporalcloud_scim_group` lookups. @default none */
  readonly scimGroups?: readonly string[];
  /** Receives one line per request. @default no logging */
  readonly log?: (line: string) => void;
}

export interface Emulator {
  readonly port: number;
  readonly address: string;
  readonly adminUrl?: string;
  readonly clock: Clock;
  readonly store: Store;
  readonly openAuth: boolean;
  close(): Promise<void>;
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  ...accountHandlers,
  ...namespaceHandlers,
  ...identityHandlers,
  ...peopleHandlers,
  ...connectivityHandlers,
};

/** Identifies a request, so a write retried under the same async_operation_id is recognised. */
function digestOf(method: string, req: Spec): string {
  return createHash("sha256").update(method).update(JSON.stringify(req)).digest("hex");
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const rt = loadRuntime();
  const clock = new Clock(options.clockOffsetMs ?? 0);
  const store = new Store(clock, { accountId: options.accountId ?? DEFAULT_ACCOUNT_ID, file: options.stateFile, asyncPolls: Math.max(1, options.asyncPolls ?? 1) });
  if (options.clockOffsetMs === undefined && store.data.clockOffsetMs !== undefined) clock.setOffset(store.data.clockOffsetMs);
  for (const idpId of options.scimGroups ?? []) seedScimGroup(store, idpId);
  store.save();
  const auth = new Authenticator(store, options.bootstrapKey);
  const log = options.log ?? (() => undefined);

  const server = new rt.grpc.Server();
  const definition: Record<string, grpc.MethodDefinition<Spec, Spec>> = {};
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const { name, definition: method } of cloudServiceMethods(rt)) {
    definition[name] = method;
    implementation[name] = (call: grpc.ServerUnaryCall<Spec, Spec>, callback: grpc.sendUnaryData<Spec>) => {
      const started = process.hrtime.bigint();
      let code: number = 0;
      try {
        const handler = HANDLERS[name];
        if (!handler) throw new ApiError(Code.UNIMPLEMENTED, `${name} is not implemented by the emulator`);
        const principal = auth.authenticate(call.metadata.get("authorization")[0]?.toString());
        const req = call.request ?? {};
        const access = accessOf(principal, store);
        authorize(name, req, access, store);
        const digest = digestOf(name, req);
        const ctx: Ctx = { store, principal, access, digest, method: name };
        const retried = name.startsWith("Get") ? undefined : store.replay(req.asyncOperationId, digest);
        const answer = retried ?? handler(req, ctx);
        callback(null, answer);
      } catch (err) {
        const apiError = err instanceof ApiError ? err : new ApiError(Code.INTERNAL, `emulator error: ${(err as Error).message}`);
        code = apiError.code;
        if (!(err instanceof ApiError)) log(`internal error in ${name}: ${(err as Error).stack ?? String(err)}`);
        callback({ code: apiError.code, details: apiError.message, name: "ApiError", message: apiError.message });
      } finally {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        log(`${new Date().toISOString()} ${name} ${codeName(code)} ${ms.toFixed(1)}ms`);
      }
    };
  }
  server.addService(definition as grpc.ServiceDefinition, implementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, rt.grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
  });
  let admin: AdminServer | undefined;
  if (options.adminPort !== false) admin = await startAdmin(clock, store, options.adminPort ?? 0);

  return {
    port,
    address: `127.0.0.1:${port}`,
    adminUrl: admin?.url,
    clock,
    store,
    openAuth: auth.open,
    close: async () => {
      await admin?.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      store.save();
    },
  };
}
