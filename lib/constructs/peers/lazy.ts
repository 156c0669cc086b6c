// The cloud provider packages are optional peers: an AWS-only app never installs @cdktf/provider-google
// (307 MB) and the reverse. Their classes are loaded on the first `new` (or static access), so importing a
// construct loads no cloud package, and a missing one is reported with the construct that needs it.

/** An optional peer package and the version range this library is built against. */
export interface OptionalPeer {
  readonly name: string;
  readonly range: string;
}

export const AWS_PEER: OptionalPeer = { name: "@cdktf/provider-aws", range: "^21.0.0" };
export const GOOGLE_PEER: OptionalPeer = { name: "@cdktf/provider-google", range: "^16.0.0" };

/** An optional peer package is needed here but not installed. */
export class MissingPeerError extends Error {
  constructor(
    public readonly peer: OptionalPeer,
    /** Construct path (or class name) that needs it. */
    public readonly neededBy: string,
  ) {
    super(`${neededBy} needs ${peer.name}, which is not installed (an optional peer of temporal-cloud-guardrails); install it: npm i ${peer.name}@"${peer.range}"`);
    this.name = "MissingPeerError";
  }
}

function isMissing(err: unknown, peer: OptionalPeer): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === "MODULE_NOT_FOUND" && typeof e.message === "string" && e.message.includes(`'${peer.name}`);
}

/** Where a construct is being created: `scope path/id` when the arguments look like (scope, id). */
function constructPath(args: readonly unknown[], exportName: string): string {
  const scope = args[0] as { node?: { path?: unknown } } | undefined;
  const scopePath = scope?.node?.path;
  if (typeof scopePath === "string" && typeof args[1] === "string") return `${scopePath ? `${scopePath}/` : ""}${args[1]} (${exportName})`;
  return exportName;
}

/**
 * A stand-in for class `exportName` of `<peer>/lib/<file>` that requires the module on first use. It
 * constructs, subclasses, `instanceof`-checks and exposes statics exactly like the real class.
 */
export function lazyClass<C extends abstract new (...args: never[]) => unknown>(peer: OptionalPeer, file: string, exportName: string): C {
  let loaded: C | undefined;
  // `neededBy` is a thunk: it is only needed for the error message, and a construct path costs a scope walk.
  const load = (neededBy: () => string): C => {
    if (loaded) return loaded;
    try {
      // Deep path per resource: the provider barrels load every resource (seconds, hundreds of MB).
      loaded = (require(`${peer.name}/lib/${file}`) as Record<string, C>)[exportName];
    } catch (err) {
      if (isMissing(err, peer)) throw new MissingPeerError(peer, neededBy());
      throw err;
    }
    return loaded;
  };
  // `new Proxy()` builds the real class; a subclass (`class X extends Proxy`) keeps its own new.target.
  const proxy: C = new Proxy(function lazyProviderClass() { /* stand-in target; never called */ }, {
    construct: (_target, args, newTarget) => {
      const real = load(() => constructPath(args, exportName)) as unknown as new (...a: unknown[]) => object;
      return Reflect.construct(real, args, newTarget === proxy ? real : newTarget);
    },
    get: (_target, prop) => Reflect.get(load(() => exportName) as object, prop),
    has: (_target, prop) => Reflect.has(load(() => exportName) as object, prop),
    getPrototypeOf: () => Reflect.getPrototypeOf(load(() => exportName) as object),
  }) as unknown as C;
  return proxy;
}
