// Public surface of the config layer. Types come from the generated types.ts, never from the zod schema,
// so the published declarations do not pull zod into a consumer's type check.
export * from "./issues";
export * from "./resolve";
export { parseConfig, safeParseConfig, type ParseOptions, type ParseResult } from "./parse";
export * from "./load";
export * from "./estate-config";
export type {
  ValidatedEstateConfig,
  EstateConfigInput,
  NamespaceConfig,
  CertificateFilterConfig,
  CodecServerConfig,
  WorkerConfig,
  SecretsManagerConfig,
  MtlsAuthConfig,
  GeneratedCaConfig,
  CertificateAuthorityConfig,
  EncryptionConfig,
  ExportConfig,
  S3ExportConfig,
  GcsExportConfig,
  AuditLogConfig,
  MetricsConfig,
  ApiKeyOptions,
  AccessConfig,
  GroupAccessConfig,
  CustomRoleConfig,
  IncidentConfig,
  BackendConfig,
  HaConfig,
  ConnectivityConfig,
  AwsEndpointConfig,
  GcpEndpointConfig,
  SuppressionConfig,
  TemporalAwsPrincipal as TemporalAwsPrincipalConfig,
} from "./types";
