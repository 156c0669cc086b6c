// Cross checks for the pipeline's own identity: its key must have somewhere safe to go, a reader, a safe
// schedule (production limits: the deploy key administers every namespace) and a name of its own.
import type { CrossCheck } from "../cross-checks";
import { checkRotationSettings } from "../../domain/api-key-rotation";
import { PROFILES } from "../../domain/environments";
import { workersWithServiceAccounts } from "./identity";

const AT = "pipeline.deployIdentity";

export const deployIdentityIsComplete: CrossCheck = (config, issues) => {
  const deploy = config.deployIdentity;
  if (!deploy) return;
  const target = deploy.secretsManager;
  if (!target) {
    issues.add(`${AT}.secretsManager`, "is not set (nor defaults.secretsManager), so the deploy key has nowhere safe to go; set secretsManager: { aws: { region } } or { gcp: { project } }");
  } else if ("aws" in target && !deploy.reader.awsRoleArn) {
    issues.add(`${AT}.reader.awsRoleArn`, "is required: the deploy key goes to AWS Secrets Manager and only the pipeline's IAM role may read it; give the role the deploy job assumes");
  } else if ("gcp" in target && !deploy.reader.gcpServiceAccountEmail) {
    issues.add(`${AT}.reader.gcpServiceAccountEmail`, "is required: the deploy key goes to GCP Secret Manager and only the pipeline's service account may read it; give its email");
  }
  for (const [field, message] of checkRotationSettings(deploy.rotation, PROFILES.production.maxApiKeyRotationDays, "production")) {
    issues.add(field === "applyCadenceDays" ? "defaults.applyCadenceDays" : `${AT}.apiKey.${field}`, field === "applyCadenceDays" ? `${message} (the deploy key)` : message);
  }
  const clash = workersWithServiceAccounts(config).find(({ worker }) => worker.apiKeyIdentity.serviceAccountName === deploy.serviceAccountName);
  if (clash) {
    issues.add(`${AT}.serviceAccountName`, `"${deploy.serviceAccountName}" is also the service account of worker ${clash.ns.name}/${clash.worker.name}; the deploy identity needs its own, set a different serviceAccountName`);
  }
};
