// Who is calling: the bearer token must be the configured bootstrap key or a key this emulator issued
// that is enabled and not expired. Only hashes of tokens are kept (in memory and in the state file).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ApiError, Code } from "./errors";
import type { Rec, Store } from "./store";
import { fromTimestamp } from "./clock";

export interface Principal {
  readonly kind: "bootstrap" | "api-key";
  /** Owner of the presented key (user or service account id), absent for the bootstrap key. */
  readonly ownerId?: string;
  readonly keyId?: string;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new API key secret; the emulator returns it once and keeps only its hash. */
export function newToken(): string {
  return `tcemu_${randomBytes(32).toString("base64url")}`;
}

export function isExpired(rec: Rec, now: number): boolean {
  const expiry = fromTimestamp(rec.spec.expiryTime);
  return expiry !== undefined && expiry <= now;
}

export class Authenticator {
  private readonly bootstrapHash?: Buffer;

  /** With no bootstrap key, any token that is not an issued key acts as the account owner (open mode). */
  constructor(private readonly store: Store, bootstrapKey?: string) {
    if (bootstrapKey) this.bootstrapHash = Buffer.from(hashToken(bootstrapKey), "hex");
  }

  get open(): boolean {
    return !this.bootstrapHash;
  }

  authenticate(authorization: string | undefined): Principal {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!match) throw new ApiError(Code.UNAUTHENTICATED, "missing API key: send the header \"authorization: Bearer <api key>\"");
    const hash = hashToken(match[1]);
    if (this.bootstrapHash && timingSafeEqual(this.bootstrapHash, Buffer.from(hash, "hex"))) return { kind: "bootstrap" };
    const key = this.store.all("apiKeys").find((k) => k.extra.tokenHash === hash);
    if (key) {
      if (key.spec.disabled) throw new ApiError(Code.UNAUTHENTICATED, `API key ${key.id} is disabled`);
      if (isExpired(key, this.store.clock.now())) throw new ApiError(Code.UNAUTHENTICATED, `API key ${key.id} has expired`);
      if (key.state === "RESOURCE_STATE_DELETING") throw new ApiError(Code.UNAUTHENTICATED, `API key ${key.id} is deleted`);
      return { kind: "api-key", ownerId: key.spec.ownerId, keyId: key.id };
    }
    if (this.store.data.revokedTokens.includes(hash)) throw new ApiError(Code.UNAUTHENTICATED, "API key was deleted");
    if (this.open) return { kind: "bootstrap" };
    throw new ApiError(Code.UNAUTHENTICATED, "invalid API key: it is neither the bootstrap key nor a key issued by this emulator");
  }
}
