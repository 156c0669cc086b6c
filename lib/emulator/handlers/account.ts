// The account (id, metrics endpoint), the region catalogue and async operations.
import { allRegions } from "../../domain/regions";
import { invalid, notFound, rejectAll } from "../errors";
import { checkCaBundle } from "../rules";
import type { Spec } from "../store";
import { operate, type Ctx, type Handlers } from "./context";

const CLOUD_PROVIDER: Record<string, string> = { aws: "CLOUD_PROVIDER_AWS", gcp: "CLOUD_PROVIDER_GCP" };

/** Regions of the catalogue that the API lists (provider 1.x knows AWS and GCP only). */
function regions(): Spec[] {
  return allRegions()
    .filter((r) => CLOUD_PROVIDER[r.cloud])
    .map((r) => ({ id: r.cloudApiCode, cloudProvider: CLOUD_PROVIDER[r.cloud], cloudProviderRegion: r.region, location: r.displayName }));
}

function renderAccount(ctx: Ctx): Spec {
  const account = ctx.store.data.account;
  const ca = account.spec.metrics?.acceptedClientCa;
  return {
    id: account.id,
    spec: account.spec,
    resourceVersion: String(account.version),
    state: account.state,
    ...(account.opId ? { asyncOperationId: account.opId } : {}),
    metrics: ca ? { uri: `https://${account.id}.tmprl.cloud/prometheus` } : {},
  };
}

function updateAccount(req: Spec, ctx: Ctx): Spec {
  const account = ctx.store.data.account;
  ctx.store.checkVersion(account, req.resourceVersion, "account");
  const spec: Spec = req.spec ?? {};
  const ca = spec.metrics?.acceptedClientCa;
  if (ca) rejectAll(checkCaBundle(ca, ctx.store.clock.now()).map((p) => p.replace("accepted_client_ca", "metrics accepted_client_ca")));
  account.spec = spec;
  ctx.store.touch(account);
  return operate(ctx, req, [{ collection: "account", id: account.id, action: "activate" }]);
}

export const accountHandlers: Handlers = {
  GetAccount: (_req, ctx) => ({ account: renderAccount(ctx) }),
  UpdateAccount: updateAccount,
  GetRegions: () => ({ regions: regions() }),
  GetRegion: (req) => {
    const region = regions().find((r) => r.id === req.region);
    if (!region) throw notFound(`region "${String(req.region)}" not found`);
    return { region };
  },
  GetAsyncOperation: (req, ctx) => {
    if (!req.asyncOperationId) throw invalid("async_operation_id is required");
    return { asyncOperation: ctx.store.renderOperation(ctx.store.poll(req.asyncOperationId)) };
  },
};
