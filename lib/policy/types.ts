// Shared types of the compliance rule pack.
import type { IConstruct } from "constructs";
import type { Environment, RetentionPolicy } from "../domain/environments";

export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** One Terraform block of the synthesized stack, with the construct that produced it when known. */
export interface PolicyResource {
  readonly kind: "resource" | "data" | "output";
  /** Terraform type (`temporalcloud_namespace`); "output" for outputs. */
  readonly type: string;
  /** Logical id in the stack. */
  readonly name: string;
  /** Terraform address: `type.name`, `data.type.name` or `output.name`. */
  readonly address: string;
  /** Attributes as synthesized (snake_case, references as `${...}` strings). */
  readonly attributes: Record<string, unknown>;
  /** Construct path (`stack/ns-payments/namespace`), when known. */
  readonly constructPath?: string;
  readonly construct?: IConstruct;
}

/** What a rule needs to know about a namespace beyond its Terraform attributes. */
export interface NamespaceContext {
  readonly environment?: Environment;
  readonly critical?: boolean;
  /** Retention bounds of the environment (profile + config overrides). */
  readonly retention?: RetentionPolicy;
  /** Longest API-key lifetime allowed for credentials of this namespace, in days. */
  readonly maxApiKeyDays?: number;
  /** Days closed workflow records must be kept (may exceed Temporal's 90-day retention). */
  readonly recordsRetentionDays?: number;
  /** Where the context came from, shown in findings (config, construct, tag, name). */
  readonly source?: string;
}

export interface RuleFinding {
  /** Offending block; undefined for findings about the stack as a whole. */
  readonly resource?: PolicyResource;
  /** Attribute path inside the block, e.g. `namespace_lifecycle.enable_delete_protection`. */
  readonly attribute?: string;
  readonly message: string;
  /** Namespace names the finding concerns (for per-namespace suppressions). */
  readonly namespaces?: readonly string[];
}

export interface Rule {
  /** Stable id, never reused: `TC-<AREA>-<NNN>`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** The security control the rule enforces, as written in the guidance. */
  readonly control: string;
  /** How to fix a finding. */
  readonly fix: string;
  check(model: import("./model").PolicyModel): RuleFinding[];
}

export interface Suppression {
  /** Rule id, e.g. `TC-NET-001`. */
  readonly rule: string;
  /** Why the finding is accepted; mandatory. */
  readonly reason: string;
  /** `YYYY-MM-DD`: from that day on the suppression no longer applies. */
  readonly expires?: string;
  /** Terraform addresses or construct paths the suppression is limited to (prefix match). @default all */
  readonly resources?: readonly string[];
}

/** A suppression with where it was declared. */
export interface ScopedSuppression extends Suppression {
  /** `config`, `config:namespaces[1]` or a construct path. */
  readonly origin: string;
  /** Namespace the suppression is limited to (per-namespace config suppressions). */
  readonly namespace?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly control: string;
  readonly fix: string;
  readonly message: string;
  /** Terraform address, or `stack` for stack-level findings. */
  readonly address: string;
  readonly attribute?: string;
  readonly constructPath?: string;
  readonly namespaces: readonly string[];
  /** Set when a live suppression applies: the finding is listed but does not count. */
  readonly suppressedBy?: ScopedSuppression;
}

export interface ComplianceReport {
  readonly stackName: string;
  readonly generatedAt: string;
  readonly rules: readonly Rule[];
  /** Active (unsuppressed) findings. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Finding[];
  /** Suppressions past their expiry date (they no longer suppress anything). */
  readonly expiredSuppressions: readonly ScopedSuppression[];
  /** Live suppressions that matched no finding. */
  readonly unusedSuppressions: readonly ScopedSuppression[];
}
