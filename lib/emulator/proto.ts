// The Cloud Operations API definitions, from the official protos that @temporalio/proto ships as
// protobufjs JSON. The emulator's runtime dependencies are optional peers of the package: a library-only
// consumer never installs or loads them, and the emulator explains how to add them when they are missing.
import type * as grpc from "@grpc/grpc-js";

export const SERVICE_NAME = "temporal.api.cloud.cloudservice.v1.CloudService";

/** Minimal view of the protobufjs reflection objects the emulator uses. */
export interface MessageType {
  readonly fullName: string;
  decode(buffer: Uint8Array): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  fromObject(object: Record<string, unknown>): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}

interface ProtoMethod {
  readonly name: string;
  readonly resolvedRequestType: MessageType | null;
  readonly resolvedResponseType: MessageType | null;
  resolve(): ProtoMethod;
}

interface ProtoRoot {
  lookupService(path: string): { methodsArray: ProtoMethod[] };
  lookupType(path: string): MessageType;
}

export class MissingDependencyError extends Error {
  constructor(missing: readonly string[]) {
    super(
      `The emulator needs ${missing.join(" and ")}, which are optional peer dependencies of temporal-cloud-guardrails.\n` +
        `Install them next to it: npm install --save-dev @grpc/grpc-js@^1.14 @temporalio/proto@^1.23`,
    );
    this.name = "MissingDependencyError";
  }
}

export interface Runtime {
  readonly grpc: typeof grpc;
  readonly root: ProtoRoot;
}

let runtime: Runtime | undefined;

/** Loads grpc-js and the proto root once; throws MissingDependencyError naming what is absent. */
export function loadRuntime(): Runtime {
  if (runtime) return runtime;
  const missing: string[] = [];
  const grpcModule = tryRequire("@grpc/grpc-js", missing) as typeof grpc | undefined;
  const root = tryRequire("@temporalio/proto/protos/json-module", missing) as ProtoRoot | undefined;
  if (!grpcModule || !root) throw new MissingDependencyError(missing);
  runtime = { grpc: grpcModule, root };
  return runtime;
}

function tryRequire(name: string, missing: string[]): unknown {
  try {
    return require(name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw err;
    missing.push(name.split("/").slice(0, 2).join("/"));
    return undefined;
  }
}

// Plain objects in and out: enums as their names, int64 as numbers, bytes as base64 strings (JSON-safe
// for the state file), oneofs with their virtual field.
const TO_OBJECT = { enums: String, longs: Number, bytes: String, oneofs: true };

export interface MethodInfo {
  readonly name: string;
  readonly definition: grpc.MethodDefinition<Record<string, unknown>, Record<string, unknown>>;
}

/** Every CloudService RPC with serializers over plain objects. */
export function cloudServiceMethods(rt: Runtime = loadRuntime()): MethodInfo[] {
  const service = rt.root.lookupService(SERVICE_NAME);
  return service.methodsArray.map((m) => {
    const method = m.resolve();
    const req = method.resolvedRequestType!;
    const res = method.resolvedResponseType!;
    return {
      name: method.name,
      definition: {
        path: `/${SERVICE_NAME}/${method.name}`,
        requestStream: false,
        responseStream: false,
        requestSerialize: (value: Record<string, unknown>) => Buffer.from(req.encode(req.fromObject(value)).finish()),
        requestDeserialize: (bytes: Buffer) => req.toObject(req.decode(bytes), TO_OBJECT),
        responseSerialize: (value: Record<string, unknown>) => Buffer.from(res.encode(res.fromObject(value)).finish()),
        responseDeserialize: (bytes: Buffer) => res.toObject(res.decode(bytes), TO_OBJECT),
      },
    };
  });
}
