// Constructs that write to either cloud (secrets, keys, sinks, HA DNS): exported by both `/aws` and `/gcp`.
// Each loads the provider package of the cloud it is given on first use, so only that one must be installed.
export * from "../constructs/worker-secret";
export * from "../constructs/rotating-api-key";
export * from "../constructs/payload-encryption-key";
export * from "../constructs/export-sink";
export * from "../constructs/audit-log-sink";
export * from "../constructs/sink-identity";
export * from "../constructs/ha-private-dns";
