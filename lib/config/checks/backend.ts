// Cross checks for the state backend: production state is never kept in a local file, and a pipeline
// backend pins the Temporal Cloud account.
import type { CrossCheck } from "../cross-checks";

export const productionStateIsRemote: CrossCheck = (config, issues) => {
  if (config.backend?.type !== "local") return;
  const production = config.namespaces.filter((ns) => ns.environment === "production").map((ns) => ns.name);
  if (production.length === 0) return;
  issues.add(
    "backend.type",
    `"local" keeps the state, which holds API-key tokens and private keys, unencrypted on one disk, but production namespace(s) ${production.map((n) => `"${n}"`).join(", ")} are in this estate; use type s3, gcs or cloud`,
  );
};

export const pipelineBackendPinsAccount: CrossCheck = (config, issues) => {
  const type = config.backend?.type;
  if (type === undefined || type === "local" || config.accountId !== undefined) return;
  issues.add("account.id", `is not set, but a ${type} backend means this estate is applied from a pipeline; set account.id so the provider's allowed_account_id stops a run against the wrong Temporal Cloud account`);
};
