// Drives the emulator with the official TypeScript client of the Cloud Operations API (@temporalio/cloud)
// over plaintext gRPC, and turns its answers and errors into plain values for assertions.
import * as grpc from "@grpc/grpc-js";
import Long from "long";
import { CloudOperationsClient, CloudOperationsConnection } from "@temporalio/cloud";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../lib/emulator";

export const BOOTSTRAP = "bootstrap-test-key";

export type CloudService = CloudOperationsClient["cloudService"];

export interface Harness {
  readonly emulator: Emulator;
  readonly cloud: CloudService;
  /** A client that presents another API key. */
  as(apiKey: string): CloudService;
  close(): Promise<void>;
}

const connections: CloudOperationsConnection[] = [];

export function clientFor(address: string, apiKey: string): CloudService {
  // TLS is the client's default; the emulator is plaintext, so hand it insecure channel credentials.
  const options = { address, apiKey, credentials: grpc.credentials.createInsecure() };
  const connection = CloudOperationsConnection.lazy(options as Parameters<typeof CloudOperationsConnection.lazy>[0]);
  connections.push(connection);
  return new CloudOperationsClient({ connection }).cloudService;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ bootstrapKey: BOOTSTRAP, adminPort: false, ...options });
  const mine: CloudOperationsConnection[] = [];
  const as = (key: string) => {
    const service = clientFor(emulator.address, key);
    mine.push(connections[connections.length - 1]);
    return service;
  };
  const cloud = as(BOOTSTRAP);
  return {
    emulator,
    cloud,
    as,
    close: async () => {
      for (const c of mine) await c.close();
      await emulator.close();
    },
  };
}

/** JSON form of a protobufjs message: enum names, int64 as strings. */
export function plain<T = any>(message: unknown): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(JSON.stringify(message)) as T;
}

export interface RpcFailure {
  readonly code: string;
  readonly details: string;
}

/** Awaits a call that must fail and returns its gRPC status name and message. */
export async function failure(call: Promise<unknown>): Promise<RpcFailure> {
  try {
    await call;
  } catch (err) {
    const e = err as { code?: number; details?: string };
    if (typeof e.code !== "number") throw err;
    return { code: grpc.status[e.code], details: e.details ?? "" };
  }
  throw new Error("expected the call to fail, it succeeded");
}

/** Polls an operation until it is fulfilled, as the provider does; returns the states seen. */
export async function settle(cloud: CloudService, operation: { id?: string | null } | null | undefined): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 10; i++) {
    const { asyncOperation } = plain(await cloud.getAsyncOperation({ asyncOperationId: operation?.id ?? "" }));
    seen.push(asyncOperation.state);
    if (asyncOperation.state === "STATE_FULFILLED") return seen;
  }
  throw new Error(`operation ${operation?.id} not fulfilled after 10 polls: ${seen.join(", ")}`);
}

/** A protobuf Timestamp `days` from now (the client's types want int64 seconds as a Long). */
export function inDays(days: number, from = Date.now()): { seconds: Long; nanos: number } {
  return { seconds: Long.fromNumber(Math.floor((from + days * 86_400_000) / 1000)), nanos: 0 };
}
