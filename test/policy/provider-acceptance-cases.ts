// Our own Terraform JSON equivalents of the invalid configurations in the temporalcloud provider's
// acceptance tests (v1.5.0, internal/provider/*_test.go, every step with ExpectError): 29 steps in 7 files.
// `expect` is the provider's error the step asserts; `decidable: false` marks the steps that need the prior
// state (a second apply that removes a setting), which no single configuration can show.

export interface AcceptanceCase {
  readonly id: string;
  readonly providerTest: string;
  readonly expect: string;
  readonly decidable: boolean;
  readonly json: Record<string, unknown>;
}

const ns = (attrs: Record<string, unknown>) => ({
  resource: { temporalcloud_namespace: { subject: { name: "acc-namespace", regions: ["aws-us-east-1"], api_key_auth: true, retention_days: 7, ...attrs } } },
});
const rule = (attrs: Record<string, unknown>) => ({ resource: { temporalcloud_connectivity_rule: { subject: attrs } } });
const sa = (attrs: Record<string, unknown>) => ({ resource: { temporalcloud_service_account: { subject: { name: "acc-sa", ...attrs } } } });
const user = (attrs: Record<string, unknown>) => ({ resource: { temporalcloud_user: { subject: { email: "someone@example.com", account_access: "read", ...attrs } } } });

export const ACCEPTANCE_CASES: readonly AcceptanceCase[] = [
  // connectivity_rule_resource_test.go
  { id: "rule-bad-type", providerTest: "ConnectivityRule ValidationErrors", expect: "must be one of", decidable: true, json: rule({ connectivity_type: "neither", connection_id: "vpce-0abc", region: "aws-us-west-2" }) },
  { id: "rule-private-no-connection", providerTest: "ConnectivityRule ValidationErrors", expect: "Connection ID is required", decidable: true, json: rule({ connectivity_type: "private", region: "aws-us-west-2" }) },
  { id: "rule-private-no-region", providerTest: "ConnectivityRule ValidationErrors", expect: "Region is required", decidable: true, json: rule({ connectivity_type: "private", connection_id: "vpce-0abc" }) },
  { id: "rule-private-gcp-no-project", providerTest: "ConnectivityRule ValidationErrors", expect: "GCP Project ID is required", decidable: true, json: rule({ connectivity_type: "private", connection_id: "psc-123", region: "gcp-us-central1" }) },
  { id: "rule-private-stable-ips", providerTest: "ConnectivityRule ValidationErrors", expect: "enable_stable_ips can only be true", decidable: true, json: rule({ connectivity_type: "private", connection_id: "vpce-0abc", region: "aws-us-west-2", enable_stable_ips: true }) },
  // namespace_resource_test.go
  { id: "ns-name-short", providerTest: "NamespaceNameValidation", expect: "string length must be between 2 and 64", decidable: true, json: ns({ name: "z" }) },
  { id: "ns-name-long", providerTest: "NamespaceNameValidation", expect: "string length must be between 2 and 64", decidable: true, json: ns({ name: `n${"x".repeat(64)}` }) },
  { id: "ns-name-digit-first", providerTest: "NamespaceNameValidation", expect: "must start with a lowercase letter", decidable: true, json: ns({ name: "9lives" }) },
  { id: "ns-name-hyphen-first", providerTest: "NamespaceNameValidation", expect: "must start with a lowercase letter", decidable: true, json: ns({ name: "-orders" }) },
  { id: "ns-name-hyphen-last", providerTest: "NamespaceNameValidation", expect: "end with a letter or number", decidable: true, json: ns({ name: "orders-" }) },
  { id: "ns-name-uppercase", providerTest: "NamespaceNameValidation", expect: "must start with a lowercase letter", decidable: true, json: ns({ name: "Orders" }) },
  { id: "ns-name-underscore", providerTest: "NamespaceNameValidation", expect: "must start with a lowercase letter", decidable: true, json: ns({ name: "orders_eu" }) },
  { id: "ns-region-format", providerTest: "NamespaceInvalidRegion", expect: "Invalid Region Format", decidable: true, json: ns({ regions: ["nowhere"] }) },
  { id: "ns-region-unknown", providerTest: "NamespaceInvalidRegionAPIValidation", expect: "Invalid Region", decidable: true, json: ns({ regions: ["aws-eu-nowhere-7"] }) },
  { id: "ns-no-auth", providerTest: "Namespace (mTLS) no auth", expect: "Namespace not configured with authentication", decidable: true, json: ns({ api_key_auth: undefined }) },
  { id: "ns-empty-cert-filters", providerTest: "Namespace (mTLS) empty filters", expect: "certificate_filters list must contain at least 1 elements", decidable: true, json: ns({ api_key_auth: undefined, accepted_client_ca: "${base64encode(file(\"ca.pem\"))}", certificate_filters: [] }) },
  { id: "ns-provisioned-on-create", providerTest: "NamespaceCapacityProvisionedOnCreateErrors", expect: "Invalid capacity mode for namespace creation", decidable: true, json: ns({ capacity: { mode: "provisioned", value: 4 } }) },
  { id: "ns-capacity-removed", providerTest: "Namespace capacity removal", expect: "capacity cannot be removed once set", decidable: false, json: ns({}) },
  { id: "ns-fairness-removed", providerTest: "Namespace fairness removal", expect: "fairness cannot be removed once set", decidable: false, json: ns({}) },
  // namespace_search_attribute_resource_test.go
  {
    id: "search-attribute-keywordlist", providerTest: "NamespaceWithSearchAttributes", expect: "invalid namespace search attribute", decidable: true,
    json: { resource: { temporalcloud_namespace_search_attribute: { subject: { namespace_id: "${temporalcloud_namespace.n.id}", name: "Tags", type: "KeywordList" } } } },
  },
  // namespace_tags_resource_test.go
  { id: "tags-empty", providerTest: "NamespaceTagsResource ValidationErrors", expect: "tags map must contain at least 1 elements", decidable: true, json: { resource: { temporalcloud_namespace_tags: { subject: { namespace_id: "ns.acct", tags: {} } } } } },
  // service_account_resource_test.go
  { id: "sa-empty-accesses", providerTest: "BasicServiceAccountWithEmptyNamespaceAccesses", expect: "namespace_accesses set must contain at least 1 elements", decidable: true, json: sa({ account_access: "Read", namespace_accesses: [] }) },
  {
    id: "sa-duplicate-namespace", providerTest: "ServiceAccount duplicate namespace", expect: "namespace_id must be unique", decidable: true,
    json: sa({ account_access: "Read", namespace_accesses: [{ namespace_id: "ns-a", permission: "Read" }, { namespace_id: "ns-a", permission: "Admin" }] }),
  },
  { id: "sa-scoped-and-account", providerTest: "NamespaceScopedServiceAccountMutualExclusivity", expect: "Invalid Attribute Combination", decidable: true, json: sa({ account_access: "read", namespace_scoped_access: { namespace_id: "ns-a", permission: "read" } }) },
  {
    id: "sa-scoped-and-accesses", providerTest: "NamespaceScopedServiceAccountNamespaceAccessesConflict", expect: "Invalid Attribute Combination", decidable: true,
    json: sa({ namespace_accesses: [{ namespace_id: "ns-b", permission: "write" }], namespace_scoped_access: { namespace_id: "ns-a", permission: "read" } }),
  },
  { id: "sa-no-access", providerTest: "ServiceAccountMissingAccessConfiguration", expect: "Missing access configuration", decidable: true, json: sa({ description: "no access at all" }) },
  // user_group_members_resource_test.go
  { id: "group-members-empty", providerTest: "GroupMembers_Basic", expect: "(any error)", decidable: true, json: { resource: { temporalcloud_group_members: { subject: { group_id: "${temporalcloud_group.g.id}", users: [] } } } } },
  // user_resource_test.go
  { id: "user-empty-accesses", providerTest: "BasicUserWithEmptyNamespaceAccesses", expect: "namespace_accesses set must contain at least 1 elements", decidable: true, json: user({ namespace_accesses: [] }) },
  {
    id: "user-duplicate-namespace", providerTest: "User duplicate namespace", expect: "namespace_id must be unique", decidable: true,
    json: user({ namespace_accesses: [{ namespace_id: "ns-a", permission: "Read" }, { namespace_id: "ns-a", permission: "Write" }] }),
  },
];
