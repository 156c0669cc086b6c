// Identities Temporal Cloud uses to write into customer sinks (export, audit log). Temporal's docs do not
// publish its AWS principal, external id or GCP service accounts, so callers must always pass them in.
import type { Construct } from "constructs";
import { Fn } from "cdktf";
import type { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member";

/** Who Temporal Cloud is when it assumes your IAM role (copy from the CloudFormation template Temporal's UI generates). */
export interface TemporalAwsPrincipal {
  /** IAM principal ARN(s) Temporal assumes the role from. */
  readonly principalArns: readonly string[];
  /** `sts:ExternalId` Temporal sends. @default no external-id condition */
  readonly externalId?: string;
}

const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|root|user)(\/.*)?$/;
const GCP_SA_EMAIL = /^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/;

/** Problems with a Temporal AWS principal that is required because a role is being created. */
export function checkTemporalAwsPrincipal(path: string, principal: TemporalAwsPrincipal | undefined): Array<[string, string]> {
  if (!principal || principal.principalArns.length === 0) {
    return [[path, "is required to create the role Temporal assumes; Temporal does not document its principal, so copy principalArns (and externalId, if any) from the CloudFormation template the Temporal Cloud UI generates"]];
  }
  return principal.principalArns
    .map((arn, i): [string, string] | undefined => (PRINCIPAL_ARN.test(arn) ? undefined : [`${path}.principalArns[${i}]`, `"${arn}" is not an IAM principal ARN`]))
    .filter((p): p is [string, string] => p !== undefined);
}

/** Problems with Temporal's GCP service accounts, required because a service account is being created. */
export function checkTemporalServiceAccounts(path: string, emails: readonly string[] | undefined): Array<[string, string]> {
  if (!emails || emails.length === 0) {
    return [[path, "is required to let Temporal impersonate the service account; copy Temporal's service account email(s) from the Temporal Cloud UI (they are not published in the docs)"]];
  }
  return emails
    .map((email, i): [string, string] | undefined => (GCP_SA_EMAIL.test(email) ? undefined : [`${path}[${i}]`, `"${email}" is not a GCP service account email`]))
    .filter((p): p is [string, string] => p !== undefined);
}

/** Trust policy letting only Temporal's principal assume the role, with the external id when given. */
export function temporalTrustPolicy(principal: TemporalAwsPrincipal): string {
  return Fn.jsonencode({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TemporalCloudAssumesRole",
        Effect: "Allow",
        Principal: { AWS: [...principal.principalArns] },
        Action: "sts:AssumeRole",
        ...(principal.externalId ? { Condition: { StringEquals: { "sts:ExternalId": principal.externalId } } } : {}),
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
      member: `serviceAccount:${email}`,
    }),
  );
  return { account, grants };
}
