// What other constructs need of a namespace, a service account or a CA bundle, whether this app creates it
// (SecureNamespace, ServiceAccountPerWorker, RotatingCa, ImportedCaBundle) or it already exists
// (SecureNamespace.fromNamespaceId, ServiceAccountPerWorker.fromServiceAccountId, ImportedCaBundle.fromBundleBase64).
import type { IConstruct } from "constructs";
import type { NamespaceSearchAttribute } from "../providers/temporalcloud/namespace-search-attribute";
import type { SearchAttributeType } from "../domain/namespace-rules";

/** A namespace permission: `write` for workers, `read` for observers, `admin` only with a justification. */
export enum NamespacePermission {
  READ = "read",
  WRITE = "write",
  ADMIN = "admin",
}

/** Something that can be given access to a namespace (a worker's service account). */
export interface INamespaceGrantee {
  /** The principal id access is granted to (the service account id). */
  readonly principalId: string;
  /**
   * Adds access to `namespaceId` with `permission`. Called by `ISecureNamespace.grantAccess`; a principal
   * that cannot take the grant (an existing account this app does not manage) reports a validation problem.
   */
  addNamespaceAccess(namespaceId: string, permission: NamespacePermission): void;
}

/** A Temporal Cloud service account. */
export interface IServiceAccount extends INamespaceGrantee {
  /** The service account id. */
  readonly serviceAccountId: string;
}

/** A Temporal Cloud namespace, created here or existing. */
export interface ISecureNamespace extends IConstruct {
  /** The namespace id, `<name>.<account id>`. */
  readonly namespaceId: string;
  /** The namespace name (the part of the id before the account). */
  readonly namespaceName: string;
  /** gRPC address for mTLS clients (`<namespace id>.tmprl.cloud:7233`). */
  readonly mtlsGrpcAddress: string;
  /** Adds a custom search attribute (`temporalcloud_namespace_search_attribute`) to the namespace. */
  addSearchAttribute(name: string, type: SearchAttributeType, options?: SearchAttributeOptions): NamespaceSearchAttribute;
  /** Gives `grantee` `permission` on this namespace (read or write across namespaces; never admin). */
  grantAccess(grantee: INamespaceGrantee, permission: NamespacePermission): void;
}

/** How a search attribute is added. */
export interface SearchAttributeOptions {
  /**
   * The attribute already exists on the namespace: adopt it with a Terraform `import` block
   * (`<namespace id>/<name>`) instead of creating it (creating an existing one fails). Needs a namespace id
   * known at plan time: an existing namespace (`fromNamespaceId`) or a SecureNamespace with `importId`.
   * @default false
   */
  readonly importExisting?: boolean;
}

/** A bundle of client CAs a namespace accepts (`accepted_client_ca`). */
export interface ICaBundle {
  /** Base64 of the PEM bundle: the value for SecureNamespace `acceptedClientCa`. */
  readonly bundleBase64: string;
}
