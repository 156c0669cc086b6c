// Identities Temporal Cloud uses to write into customer sinks (export, audit log): the IAM trust policy and
// the impersonated GCP service account. The rules on the principals live in lib/domain/sinks.ts.
import type { Construct } from "constructs";
import { Fn } from "cdktf";
import { fnString, tfString } from "./tokens";
import type { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { ServiceAccount } from "./peers/gcp";
import { ServiceAccountIamMember } from "./peers/gcp";
import type { TemporalAwsPrincipal } from "../domain/sinks";

export { checkTemporalAwsPrincipal, checkTemporalServiceAccounts, type TemporalAwsPrincipal } from "../domain/sinks";

/** Trust policy letting only Temporal's principal assume the role, with the external id when given. */
export function temporalTrustPolicy(principal: TemporalAwsPrincipal): string {
  return Fn.jsonencode({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TemporalCloudAssumesRole",
        Effect: "Allow",
        Principal: { AWS: principal.principalArns.map(fnString) },
        Action: "sts:AssumeRole",
        ...(principal.externalId ? { Condition: { StringEquals: { "sts:ExternalId": fnString(principal.externalId) } } } : {}),
      },
    ],
  });
}

/** A service account Temporal impersonates: token creator granted only to Temporal's own service accounts. */
export function impersonatedServiceAccount(
  scope: Construct,
  options: { project: string; accountId: string; displayName: string; temporalServiceAccounts: readonly string[]; provider?: GoogleProvider },
): { account: ServiceAccount; grants: ServiceAccountIamMember[] } {
  const account = new ServiceAccount(scope, "service-account", {
    provider: options.provider,
    project: options.project,
    accountId: options.accountId,
    displayName: options.displayName,
  });
  const grants = options.temporalServiceAccounts.map((email, i) =>
    new ServiceAccountIamMember(scope, `temporal-impersonates-${i}`, {
      provider: options.provider,
      serviceAccountId: account.name,
      role: "roles/iam.serviceAccountTokenCreator",
      member: `serviceAccount:${email}`, // callers pass Terraform-ready (escaped) emails
    }),
  );
  return { account, grants };
}
