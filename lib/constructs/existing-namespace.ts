// A namespace this app does not create (SecureNamespace.fromNamespaceId / fromNamespaceName): a reference
// that other constructs take like a SecureNamespace, and that can gain search attributes and grants.
import { Construct } from "constructs";
import { Fn } from "cdktf";
import type { TemporalcloudProvider } from "../providers/temporalcloud/provider";
import type { NamespaceSearchAttribute } from "../providers/temporalcloud/namespace-search-attribute";
import type { SearchAttributeType } from "../domain/namespace-rules";
import { NAMESPACE_NAME_PATTERN } from "../domain/namespace-rules";
import { addDeferredProblems } from "./errors";
import { grant, grantProblems, SearchAttributeSet } from "./namespace-parts";
import type { INamespaceGrantee, ISecureNamespace, NamespacePermission, SearchAttributeOptions } from "./references";
import { isToken } from "./tokens";

/** Temporal's data-plane port. */
const GRPC_PORT = 7233;

export interface ExistingNamespaceProps {
  /** `<name>.<account id>`; may be a token. */
  readonly namespaceId: string;
  /** @default the part of namespaceId before the first "." */
  readonly namespaceName?: string;
  /** @default the stack's default temporalcloud provider */
  readonly provider?: TemporalcloudProvider;
}

/** Why `namespaceId` is not `<name>.<account id>`, or undefined. */
export function namespaceIdProblem(namespaceId: string): string | undefined {
  const dot = namespaceId.indexOf(".");
  const name = dot < 0 ? namespaceId : namespaceId.slice(0, dot);
  const account = dot < 0 ? "" : namespaceId.slice(dot + 1);
  if (dot < 0 || !NAMESPACE_NAME_PATTERN.test(name) || !/^[A-Za-z0-9]+$/.test(account)) {
    return `${JSON.stringify(namespaceId)} is not a namespace id; give "<namespace name>.<account id>" (e.g. "payments-prod.a1b2c"), as the Temporal Cloud UI and \`tcld namespace list\` show it`;
  }
  return undefined;
}

export class ExistingNamespace extends Construct implements ISecureNamespace {
  public readonly namespaceId: string;
  public readonly namespaceName: string;
  public readonly mtlsGrpcAddress: string;
  /** Search attributes this app added, by name (escape hatch). */
  public readonly searchAttributes: Readonly<Record<string, NamespaceSearchAttribute>>;
  private readonly attributeSet: SearchAttributeSet;
  private readonly grants: Array<{ permission: NamespacePermission }> = [];

  constructor(scope: Construct, id: string, props: ExistingNamespaceProps) {
    super(scope, id);
    this.namespaceId = props.namespaceId;
    // A token id is split by Terraform; a literal one here.
    this.namespaceName = props.namespaceName
      ?? (isToken(props.namespaceId) ? Fn.element(Fn.split(".", props.namespaceId), 0) : props.namespaceId.split(".")[0]);
    this.mtlsGrpcAddress = `${props.namespaceId}.tmprl.cloud:${GRPC_PORT}`;
    this.attributeSet = new SearchAttributeSet(this, props.namespaceId, props.provider, () => undefined, props.namespaceId);
    this.searchAttributes = this.attributeSet.byName;
    addDeferredProblems(this, () => {
      const idProblem = isToken(props.namespaceId) ? undefined : namespaceIdProblem(props.namespaceId);
      return [
        ...(idProblem ? [["namespaceId", idProblem] as const] : []),
        ...this.attributeSet.problems(),
        ...grantProblems(this.grants),
      ];
    });
  }

  public addSearchAttribute(name: string, type: SearchAttributeType, options?: SearchAttributeOptions): NamespaceSearchAttribute {
    return this.attributeSet.add(name, type, options);
  }

  public grantAccess(grantee: INamespaceGrantee, permission: NamespacePermission): void {
    grant(this.grants, this.namespaceId, grantee, permission);
  }
}
