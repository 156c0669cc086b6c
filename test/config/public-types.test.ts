// lib/config/types.ts is what the generator prints from the zod schema, and every printed type is exactly
// the type zod infers (checked by the compiler in `npm run typecheck`; a mismatch fails to compile).
import * as fs from "node:fs";
import { renderConfigTypes, TYPES_FILE, PUBLIC_CONFIG_TYPES } from "../../scripts/gen-config-types";
import type * as generated from "../../lib/config/types";
import type * as schema from "../../lib/config/schema";
import type * as api_keys from "../../lib/config/sections/api-keys";
import type * as backend from "../../lib/config/sections/backend";
import type * as pipeline from "../../lib/config/sections/pipeline";
import type * as connectivity from "../../lib/config/sections/connectivity";
import type * as data_protection from "../../lib/config/sections/data-protection";
import type * as ha from "../../lib/config/sections/ha";
import type * as identity from "../../lib/config/sections/identity";
import type * as mtls from "../../lib/config/sections/mtls";
import type * as namespace from "../../lib/config/sections/namespace";
import type * as policy from "../../lib/config/sections/policy";
import type * as secrets from "../../lib/config/sections/secrets";
import type * as workers from "../../lib/config/sections/workers";
import type * as stacks from "../../lib/config/sections/stacks";

/** true only when A and B are mutually identical types. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

export const SAME_AS_ZOD: [
  Equal<generated.ValidatedEstateConfig, schema.ValidatedEstateConfig>,
  Equal<generated.EstateConfigInput, schema.EstateConfigInput>,
  Equal<generated.NamespaceConfig, namespace.NamespaceConfig>,
  Equal<generated.CertificateFilterConfig, namespace.CertificateFilterConfig>,
  Equal<generated.CodecServerConfig, namespace.CodecServerConfig>,
  Equal<generated.WorkerConfig, workers.WorkerConfig>,
  Equal<generated.SecretsManagerConfig, secrets.SecretsManagerConfig>,
  Equal<generated.MtlsAuthConfig, mtls.MtlsAuthConfig>,
  Equal<generated.GeneratedCaConfig, mtls.GeneratedCaConfig>,
  Equal<generated.CertificateAuthorityConfig, mtls.CertificateAuthorityConfig>,
  Equal<generated.EncryptionConfig, data_protection.EncryptionConfig>,
  Equal<generated.ExportConfig, data_protection.ExportConfig>,
  Equal<generated.S3ExportConfig, data_protection.S3ExportConfig>,
  Equal<generated.GcsExportConfig, data_protection.GcsExportConfig>,
  Equal<generated.AuditLogConfig, data_protection.AuditLogConfig>,
  Equal<generated.MetricsConfig, data_protection.MetricsConfig>,
  Equal<generated.TemporalAwsPrincipal, data_protection.TemporalAwsPrincipal>,
  Equal<generated.ApiKeyOptions, api_keys.ApiKeyOptions>,
  Equal<generated.AccessConfig, identity.AccessConfig>,
  Equal<generated.GroupAccessConfig, identity.GroupAccessConfig>,
  Equal<generated.CustomRoleConfig, identity.CustomRoleConfig>,
  Equal<generated.IncidentConfig, identity.IncidentConfig>,
  Equal<generated.BackendConfig, backend.BackendConfig>,
  Equal<generated.PipelineConfig, pipeline.PipelineConfig>,
  Equal<generated.HaConfig, ha.HaConfig>,
  Equal<generated.ConnectivityConfig, connectivity.ConnectivityConfig>,
  Equal<generated.AwsEndpointConfig, connectivity.AwsEndpointConfig>,
  Equal<generated.GcpEndpointConfig, connectivity.GcpEndpointConfig>,
  Equal<generated.SuppressionConfig, policy.SuppressionConfig>,
  Equal<generated.StacksConfig, stacks.StacksConfig>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

describe("public config types", () => {
  test("lib/config/types.ts is up to date with the zod schema (run `npm run gen:config-types` if not)", () => {
    expect(fs.readFileSync(TYPES_FILE, "utf8")).toBe(renderConfigTypes());
  }, 120_000);

  test("every generated type is compared with its zod-inferred twin", () => {
    expect(SAME_AS_ZOD).toHaveLength(PUBLIC_CONFIG_TYPES.length);
    const code = fs.readFileSync(TYPES_FILE, "utf8").split("\n").filter((line) => !line.startsWith("//")).join("\n");
    expect(code).not.toMatch(/zod|Zod|\$Infer/);
  });
});
