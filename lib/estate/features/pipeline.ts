// State backend, pipeline settings and the pipeline's own identity (pipelines and rotation issues).
import { Environment } from "../../domain/environments";
import { Annotations } from "cdktf";
import { addStateBackend, type StateBackendProps } from "../../constructs/state-backend";
import type { BackendConfig } from "../../config/types";
import { RotatingApiKey } from "../../constructs/rotating-api-key";
import { tfString } from "../../constructs/tokens";
import { ServiceAccount } from "../../providers/temporalcloud/service-account";
import { PolicySuppressions } from "../../policy/suppressions";
import type { AssemblyContext, Feature } from "../assembly-context";

/** The config's `backend` (discriminated by `type`) as the construct's props (one field per kind). */
function backendProps(backend: NonNullable<BackendConfig>): StateBackendProps {
  switch (backend.type) {
    case "s3": {
      const { type: _type, locking, ...s3 } = backend;
      return { s3: { ...s3, dynamodbTable: locking === undefined || locking === "s3-native" ? undefined : locking.dynamodbTable } };
    }
    case "gcs": {
      const { type: _type, ...gcs } = backend;
      return { gcs };
    }
    case "cloud": {
      const { type: _type, ...cloud } = backend;
      return { cloud };
    }
    case "local": {
      const { type: _type, ...local } = backend;
      return { local };
    }
  }
}

export const pipelineFeature: Feature = {
  beforeNamespaces(ctx) {
    const backend = ctx._resolved.backend;
    for (const part of ctx.allParts) {
      const id = part.stack.node.id;
      // Split: each stack its own state, at a path the other stacks' remote-state data sources also
      // reach from their own folder (cdktf.out/stacks/<stack>/); keys and prefixes default per stack.
      const local = ctx._resolved.stacks.split && (backend === undefined || backend.type === "local");
      addStateBackend(part.stack, id, local ? { local: { path: `../${id}/terraform.${id}.tfstate` } } : backend && backendProps(backend));
      // An explicit local backend with production namespaces is a config error (checks/backend.ts); an
      // omitted one is tolerated for trying things out, but said loudly.
      const production = ctx._resolved.namespaces.filter((ns) => ns.environment === "production" && ctx.partOf(ns.name) === part).map((ns) => ns.name);
      if (backend === undefined && production.length > 0) {
        Annotations.of(part.stack).addWarning(
          `production namespace(s) ${production.join(", ")} have no state backend configured; set backend (s3, gcs or cloud) before applying from a pipeline`,
        );
      }
    }
  },
  afterNamespaces(ctx) {
    buildDeployIdentity(ctx);
  },
};

/**
 * The pipeline's service account (account admin: only admins manage service accounts, users, groups and
 * account settings) and its rotating key in the store the deploy job reads. TC-IAM-001 stays on for every
 * other machine identity; for this one account it is suppressed with the config's justification, so the
 * reports show the exception and its reason.
 */
function buildDeployIdentity(ctx: AssemblyContext): void {
  const deploy = ctx._resolved.deployIdentity;
  if (!deploy) return;
  const target = deploy.secretsManager as NonNullable<typeof deploy.secretsManager>; // checked in config
  const account = new ServiceAccount(ctx.scope, "pipeline-deploy-service-account", {
    provider: ctx.temporalProvider,
    name: tfString(deploy.serviceAccountName),
    accountAccess: "admin",
    description: "Deploy pipeline of this estate (temporal-cloud-guardrails); its key rotates into the pipeline's secret",
  });
  PolicySuppressions.addResourceSuppressions(account, [{ rule: "TC-IAM-001", reason: deploy.justification, origin: "config: pipeline.deployIdentity.justification" }], false);
  new RotatingApiKey(ctx.scope, "pipeline-deploy-api-key", {
    serviceAccountId: account.id,
    displayName: deploy.serviceAccountName,
    rotationDays: deploy.rotation.rotationDays,
    minOverlapDays: deploy.rotation.minOverlapDays,
    applyCadenceDays: deploy.rotation.applyCadenceDays,
    environment: Environment.PRODUCTION,
    description: deploy.description,
    provider: ctx.temporalProvider,
    secret: {
      secretName: deploy.secret.name,
      target,
      reader: deploy.reader,
      awsProvider: "aws" in target ? ctx.aws(target.aws.region) : undefined,
      googleProvider: "gcp" in target ? ctx.google(target.gcp.project) : undefined,
      tags: deploy.secret.tags,
    },
  });
}
