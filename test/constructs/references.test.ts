// References to what exists (fromXxx), adoption (importId), and the methods that grow a construct after it
// is built (addSearchAttribute, addWorker, grantAccess): each compared with the JSON of the equivalent props.
import { Testing, TerraformOutput, TerraformVariable, type TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { SecureNamespace, type SecureNamespaceProps } from "../../lib/constructs/secure-namespace";
import { ServiceAccountPerWorker, ServiceAccountScope, type WorkerServiceAccountSpec } from "../../lib/constructs/service-account-per-worker";
import { ImportedCaBundle } from "../../lib/constructs/imported-ca-bundle";
import { PrivateLinkEndpoint } from "../../lib/constructs/private-link-endpoint";
import { PscEndpoint } from "../../lib/constructs/psc-endpoint";
import { constructStack, problemsOf, resourcesOf, type SynthJson } from "../helpers";
import { NamespacePermission } from "../../lib/constructs/references";
import { SearchAttributeType } from "../../lib/domain/namespace-rules";
import { Environment } from "../../lib/domain/environments";

const ns = { environment: Environment.DEVELOPMENT, regions: ["aws-us-east-1"], apiKeyAuth: true };
const processor: WorkerServiceAccountSpec = { worker: "orders/processor", serviceAccountName: "orders-processor", namespaceId: "orders.a1b2c" };
/** The same worker, account-level from the start so that namespaces can be granted to it later. */
const grantable: WorkerServiceAccountSpec = { ...processor, scope: ServiceAccountScope.ACCOUNT };
const reporter: WorkerServiceAccountSpec = { worker: "orders/reporter", serviceAccountName: "orders-reporter", namespaceId: "orders.a1b2c", permission: NamespacePermission.READ };

/** The resources of a stack, without cdktf's metadata (which names the construct paths). */
function resources(json: SynthJson): unknown {
  return JSON.parse(JSON.stringify(json.resource ?? {}, (key, value) => (key === "//" ? undefined : value)));
}

describe("SecureNamespace.fromNamespaceId / fromNamespaceName", () => {
  test("an existing namespace gives its id, name and mTLS address, and creates nothing", () => {
    const { stack, synth } = constructStack();
    const existing = SecureNamespace.fromNamespaceId(stack, "ledger", "ledger-prod.a1b2c");
    expect(existing.namespaceId).toBe("ledger-prod.a1b2c");
    expect(existing.namespaceName).toBe("ledger-prod");
    expect(existing.mtlsGrpcAddress).toBe("ledger-prod.a1b2c.tmprl.cloud:7233");
    expect(synth().resource).toBeUndefined();
  });

  test("its id is taken wherever a namespace id is (a worker of an existing namespace)", () => {
    const { stack, synth } = constructStack();
    const existing = SecureNamespace.fromNamespaceName(stack, "ledger", "ledger-prod", "a1b2c");
    new ServiceAccountPerWorker(stack, "sas", { workers: [{ ...processor, namespaceId: existing.namespaceId }] });
    const [account] = resourcesOf(synth(), "temporalcloud_service_account");
    expect(account.namespace_scoped_access).toEqual({ namespace_id: "ledger-prod.a1b2c", permission: NamespacePermission.WRITE });
  });

  test("a token id stays a reference and its name is split by Terraform", () => {
    const { stack } = constructStack();
    const id = new TerraformVariable(stack, "ns_id", { type: "string" }).stringValue;
    const existing = SecureNamespace.fromNamespaceId(stack, "ledger", id);
    existing.addSearchAttribute("CustomerId", SearchAttributeType.KEYWORD);
    new TerraformOutput(stack, "name", { value: existing.namespaceName });
    const json = constructStackJson(stack);
    expect(json.output?.name.value).toBe('${element(split(".", var.ns_id), 0)}');
    expect(resourcesOf(json, "temporalcloud_namespace_search_attribute")[0].namespace_id).toBe("${var.ns_id}");
  });

  test.each([
    ["no account part", "ledger-prod", /namespaceId: "ledger-prod" is not a namespace id; give "<namespace name>.<account id>"/],
    ["an invalid name", "Ledger.a1b2c", /is not a namespace id/],
    ["an expression in the id", "ledger.${var.x}", /is not a namespace id/],
  ])("a bad literal id is reported at synth: %s", (_what, id, pattern) => {
    const { stack } = constructStack();
    expect(problemsOf(() => SecureNamespace.fromNamespaceId(stack, "ledger", id))).toMatch(pattern);
  });
});

describe("addSearchAttribute", () => {
  test("gives the JSON of the searchAttributes prop", () => {
    const viaProps = constructStack();
    new SecureNamespace(viaProps.stack, "orders", { ...ns, name: "orders", tags: { team: "a" }, searchAttributes: { CustomerId: SearchAttributeType.KEYWORD, Amount: SearchAttributeType.DOUBLE } });
    const viaMethod = constructStack();
    const orders = new SecureNamespace(viaMethod.stack, "orders", { ...ns, name: "orders", tags: { team: "a" }, searchAttributes: { CustomerId: SearchAttributeType.KEYWORD } });
    const added = orders.addSearchAttribute("Amount", SearchAttributeType.DOUBLE);
    expect(orders.searchAttributes.Amount).toBe(added);
    expect(resources(viaMethod.synth())).toEqual(resources(viaProps.synth()));
  });

  test("on an existing namespace, adds the attribute to it", () => {
    const { stack, synth } = constructStack();
    SecureNamespace.fromNamespaceId(stack, "ledger", "ledger-prod.a1b2c").addSearchAttribute("InvoiceId", SearchAttributeType.KEYWORD);
    expect(resourcesOf(synth(), "temporalcloud_namespace_search_attribute")).toEqual([
      { name: "InvoiceId", namespace_id: "ledger-prod.a1b2c", type: "keyword" },
    ]);
  });

  test("an added attribute is checked with the others at synth", () => {
    const { stack } = constructStack();
    const orders = new SecureNamespace(stack, "orders", { ...ns, name: "orders" });
    // "#" is outside the characters Temporal Cloud allows in a search attribute name.
    orders.addSearchAttribute("bad#name", SearchAttributeType.KEYWORD);
    expect(problemsOf(() => orders)).toMatch(/searchAttributes\.bad#name: "bad#name" is not a valid search attribute name/);
  });
});

describe("ServiceAccountPerWorker.addWorker", () => {
  test("gives the JSON of the workers prop", () => {
    const viaProps = constructStack();
    new ServiceAccountPerWorker(viaProps.stack, "sas", { workers: [processor, reporter] });
    const viaMethod = constructStack();
    new ServiceAccountPerWorker(viaMethod.stack, "sas", { workers: [processor] }).addWorker(reporter);
    expect(resources(viaMethod.synth())).toEqual(resources(viaProps.synth()));
  });

  test("an added worker is checked with the others (a shared service account)", () => {
    const { stack } = constructStack();
    const sas = new ServiceAccountPerWorker(stack, "sas", { workers: [processor] });
    sas.addWorker({ ...reporter, serviceAccountName: "orders-processor" });
    expect(problemsOf(() => sas)).toMatch(/workers\[1\]\.serviceAccountName: "orders-processor" is already the service account of worker "orders\/processor"/);
  });
});

describe("grantAccess", () => {
  test("namespace.grantAccess(serviceAccountOf(worker)) gives the JSON of crossNamespaceAccess", () => {
    const viaProps = constructStack();
    new ServiceAccountPerWorker(viaProps.stack, "sas", { workers: [{ ...processor, crossNamespaceAccess: [{ namespaceId: "billing.a1b2c", permission: NamespacePermission.WRITE }] }] });
    const viaMethod = constructStack();
    const sas = new ServiceAccountPerWorker(viaMethod.stack, "sas", { workers: [grantable] });
    SecureNamespace.fromNamespaceId(viaMethod.stack, "billing", "billing.a1b2c").grantAccess(sas.serviceAccountOf("orders/processor"), NamespacePermission.WRITE);
    expect(resources(viaMethod.synth())).toEqual(resources(viaProps.synth()));
  });

  test("a grant from a created namespace references its id", () => {
    const { stack, synth } = constructStack();
    const sas = new ServiceAccountPerWorker(stack, "sas", { workers: [grantable] });
    const billing = new SecureNamespace(stack, "billing", { ...ns, name: "billing" });
    billing.grantAccess(sas.serviceAccountOf("orders/processor"), NamespacePermission.READ);
    const [account] = resourcesOf(synth(), "temporalcloud_service_account");
    expect(account.account_access).toBe("read");
    expect(account.namespace_scoped_access).toBeUndefined();
    expect(account.namespace_accesses).toEqual([
      { namespace_id: "orders.a1b2c", permission: NamespacePermission.WRITE },
      { namespace_id: expect.stringMatching(/^\$\{temporalcloud_namespace\.billing_namespace_[0-9A-F]+\.id\}$/), permission: NamespacePermission.READ },
    ]);
  });

  test("a grant on a namespace-scoped worker is reported and leaves its access as created", () => {
    const { stack } = constructStack();
    const sas = new ServiceAccountPerWorker(stack, "sas", { workers: [processor] });
    SecureNamespace.fromNamespaceId(stack, "billing", "billing.a1b2c").grantAccess(sas.serviceAccountOf("orders/processor"), NamespacePermission.READ);
    expect(problemsOf(() => sas)).toMatch(/workers\[0\]\.scope: worker "orders\/processor" is namespace-scoped but grantAccess gives it other namespaces; set scope: ServiceAccountScope\.ACCOUNT/);
    const [account] = resourcesOf(constructStackJson(stack), "temporalcloud_service_account");
    expect(account.namespace_scoped_access).toEqual({ namespace_id: "orders.a1b2c", permission: NamespacePermission.WRITE });
    expect(account.namespace_accesses).toBeUndefined();
  });

  test("an explicit namespace scope with crossNamespaceAccess is reported", () => {
    const { stack } = constructStack();
    const sas = new ServiceAccountPerWorker(stack, "sas", { workers: [{ ...processor, scope: ServiceAccountScope.NAMESPACE, crossNamespaceAccess: [{ namespaceId: "billing.a1b2c" }] }] });
    expect(problemsOf(() => sas)).toMatch(/workers\[0\]\.scope: worker "orders\/processor" is namespace-scoped but crossNamespaceAccess gives it other namespaces/);
  });

  test("an account-level worker without grants has account read plus its own namespace", () => {
    const { stack, synth } = constructStack();
    new ServiceAccountPerWorker(stack, "sas", { workers: [grantable] });
    const [account] = resourcesOf(synth(), "temporalcloud_service_account");
    expect(account.account_access).toBe("read");
    expect(account.namespace_accesses).toEqual([{ namespace_id: "orders.a1b2c", permission: NamespacePermission.WRITE }]);
  });

  test("admin is never granted across namespaces", () => {
    const { stack } = constructStack();
    const sas = new ServiceAccountPerWorker(stack, "sas", { workers: [processor] });
    const billing = SecureNamespace.fromNamespaceId(stack, "billing", "billing.a1b2c");
    billing.grantAccess(sas.serviceAccountOf("orders/processor"), NamespacePermission.ADMIN);
    expect(problemsOf(() => billing)).toMatch(/grantAccess\[0\]: "admin" cannot be granted with grantAccess; use read or write/);
    expect(resourcesOf(constructStackJson(stack), "temporalcloud_service_account")[0].namespace_accesses).toBeUndefined();
  });

  test("a grant on the worker's own namespace is reported on the service accounts", () => {
    const { stack } = constructStack();
    const sas = new ServiceAccountPerWorker(stack, "sas", { workers: [processor] });
    SecureNamespace.fromNamespaceId(stack, "orders", "orders.a1b2c").grantAccess(sas.serviceAccountOf("orders/processor"), NamespacePermission.READ);
    expect(problemsOf(() => sas)).toMatch(/workers\[0\]\.crossNamespaceAccess\[0\]\.namespaceId: "orders.a1b2c" is the worker's own namespace/);
  });

  test("an existing service account refuses grants: its access is managed elsewhere", () => {
    const { stack, synth } = constructStack();
    const existing = ServiceAccountPerWorker.fromServiceAccountId(stack, "ci", "3f2b1c0d9e8a");
    expect(existing.serviceAccountId).toBe("3f2b1c0d9e8a");
    SecureNamespace.fromNamespaceId(stack, "billing", "billing.a1b2c").grantAccess(existing, NamespacePermission.READ);
    expect(problemsOf(() => existing as unknown as Construct)).toMatch(
      /grantAccess: cannot grant access to "billing.a1b2c": this is an existing service account whose access is managed outside this app; adopt it/,
    );
    expect(synth().resource).toBeUndefined();
  });
});

describe("importId: adopting existing resources", () => {
  test("a namespace and a service account get Terraform import blocks with their ids", () => {
    const { stack, synth } = constructStack();
    new SecureNamespace(stack, "orders", { ...ns, name: "orders", importId: "orders.a1b2c" });
    new ServiceAccountPerWorker(stack, "sas", { workers: [{ ...processor, importId: "3f2b1c0d9e8a" }, reporter] });
    const json = synth();
    const namespaceAddress = `temporalcloud_namespace.${Object.keys(json.resource?.temporalcloud_namespace ?? {})[0]}`;
    const accountAddress = `temporalcloud_service_account.${Object.keys(json.resource?.temporalcloud_service_account ?? {}).find((k) => k.includes("processor"))}`;
    expect(json.import).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: "orders.a1b2c", to: namespaceAddress }),
      expect.objectContaining({ id: "3f2b1c0d9e8a", to: accountAddress }),
    ]));
    expect(json.import).toHaveLength(2);
  });

  test("an adopted namespace imports its tags and the search attributes listed as existing", () => {
    const { stack, synth } = constructStack();
    const orders = new SecureNamespace(stack, "orders", {
      ...ns, name: "orders", importId: "orders.a1b2c", tags: { team: "orders" },
      searchAttributes: { CustomerId: SearchAttributeType.KEYWORD, Region: SearchAttributeType.KEYWORD }, importSearchAttributes: ["CustomerId"],
    });
    orders.addSearchAttribute("OrderTotal", SearchAttributeType.DOUBLE);
    const json = synth();
    const imports = json.import as Array<{ id: string; to: string }>;
    const addressOf = (type: string, fragment: string) => `${type}.${Object.keys(json.resource?.[type] ?? {}).find((k) => k.includes(fragment))}`;
    expect(imports.map((i) => [i.id, i.to]).sort()).toEqual([
      ["orders.a1b2c", addressOf("temporalcloud_namespace", "namespace")],
      ["orders.a1b2c/CustomerId", addressOf("temporalcloud_namespace_search_attribute", "CustomerId")],
      ["orders.a1b2c/tags", addressOf("temporalcloud_namespace_tags", "tags")],
    ].sort());
  });

  test("an existing namespace imports an attribute added with importExisting, by its literal or token id", () => {
    const { stack, synth } = constructStack();
    SecureNamespace.fromNamespaceId(stack, "ledger", "ledger.a1b2c").addSearchAttribute("InvoiceId", SearchAttributeType.KEYWORD, { importExisting: true });
    const id = new TerraformVariable(stack, "ns_id", { type: "string" });
    SecureNamespace.fromNamespaceId(stack, "other", id.stringValue).addSearchAttribute("InvoiceId", SearchAttributeType.KEYWORD, { importExisting: true });
    expect((synth().import as Array<{ id: string }>).map((i) => i.id).sort()).toEqual(["${var.ns_id}/InvoiceId", "ledger.a1b2c/InvoiceId"]);
  });

  test.each([
    ["importSearchAttributes without importId", { searchAttributes: { CustomerId: "keyword" }, importSearchAttributes: ["CustomerId"] }, /importSearchAttributes: is set, but importId is not/],
    ["an imported attribute missing from searchAttributes", { importId: "orders.a1b2c", importSearchAttributes: ["CustomerId"] }, /importSearchAttributes\[0\]: "CustomerId" is not in searchAttributes/],
  ])("search-attribute imports are checked: %s", (_what, extra, pattern) => {
    const { stack } = constructStack();
    expect(problemsOf(() => new SecureNamespace(stack, "orders", { ...ns, name: "orders", ...extra } as SecureNamespaceProps))).toMatch(pattern);
  });

  test("importExisting on a namespace this app creates is reported", () => {
    const { stack } = constructStack();
    const orders = new SecureNamespace(stack, "orders", { ...ns, name: "orders" });
    orders.addSearchAttribute("CustomerId", SearchAttributeType.KEYWORD, { importExisting: true });
    expect(problemsOf(() => orders)).toMatch(/searchAttributes: "CustomerId" has importExisting, but this namespace is created by this app/);
  });

  test("an import id is text, never an expression", () => {
    const { stack, synth } = constructStack();
    new ServiceAccountPerWorker(stack, "sas", { workers: [{ ...processor, importId: "id-${var.x}" }] });
    expect((synth().import as Array<{ id: string }>)[0].id).toBe("id-$${var.x}");
  });

  test.each([
    ["another namespace's id", "billing.a1b2c", /importId: "billing.a1b2c" is the namespace "billing", not "orders"; a namespace cannot be renamed/],
    ["not a namespace id", "orders", /importId: "orders" is not a namespace id/],
  ])("a namespace import id is checked: %s", (_what, importId, pattern) => {
    const { stack } = constructStack();
    expect(problemsOf(() => new SecureNamespace(stack, "orders", { ...ns, name: "orders", importId }))).toMatch(pattern);
  });
});

describe("ImportedCaBundle.fromBundleBase64", () => {
  test("a bundle kept elsewhere is accepted by a namespace as the reference it is", () => {
    const { stack, synth } = constructStack();
    const bundle = ImportedCaBundle.fromBundleBase64(new TerraformVariable(stack, "ca_bundle", { type: "string" }).stringValue);
    new SecureNamespace(stack, "orders", { ...ns, name: "orders", apiKeyAuth: false, acceptedClientCa: bundle.bundleBase64 });
    expect(resourcesOf(synth(), "temporalcloud_namespace")[0].accepted_client_ca).toBe("${var.ca_bundle}");
  });
});

describe("fromEndpointAttributes: existing private endpoints", () => {
  test("a PrivateLink endpoint gives its rule id and the workers' connection", () => {
    const { stack } = constructStack();
    const endpoint = PrivateLinkEndpoint.fromEndpointAttributes(stack, "pl", {
      region: "aws-us-east-1", address: "vpce-0abc.vpce-svc-1.us-east-1.vpce.amazonaws.com", connectivityRuleId: "rule-1", accountId: "a1b2c", privateDns: false,
    });
    expect(endpoint.connectivityRuleId).toBe("rule-1");
    expect(endpoint.region.region).toBe("us-east-1");
    expect(endpoint.workerAddress).toEqual({ kind: "dnsName", value: "vpce-0abc.vpce-svc-1.us-east-1.vpce.amazonaws.com" });
    expect(endpoint.workerConnection({ name: "orders", regions: ["aws-us-east-1"] })).toEqual({
      grpcAddress: "vpce-0abc.vpce-svc-1.us-east-1.vpce.amazonaws.com:7233",
      tlsServerName: "orders.a1b2c.tmprl.cloud",
    });
    new SecureNamespace(stack, "orders", { ...ns, name: "orders", connectivityRuleIds: [endpoint.connectivityRuleId as string] });
    expect(resourcesOf(constructStackJson(stack), "temporalcloud_namespace")[0].connectivity_rule_ids).toEqual(["rule-1"]);
  });

  test("a PSC endpoint needs a GCP region; a served namespace of another region is reported", () => {
    const { stack } = constructStack();
    expect(problemsOf(() => PscEndpoint.fromEndpointAttributes(stack, "psc", { region: "aws-us-east-1", address: "10.0.0.5" }) as unknown as Construct))
      .toMatch(/region: "aws-us-east-1" is on AWS; a GCP Private Service Connect endpoint needs a gcp-… region code/);
    expect(problemsOf(() => PscEndpoint.fromEndpointAttributes(stack, "psc2", { region: "gcp-us-central1", address: "10.0.0.5", accountId: "a1b2c", namespaces: [{ name: "orders", regions: ["gcp-us-east4"] }] }) as unknown as Construct))
      .toMatch(/namespaces\[0\]: namespace "orders" is in gcp-us-east4, not in the endpoint's region "gcp-us-central1"/);
  });
});

function constructStackJson(stack: TerraformStack): SynthJson {
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}
