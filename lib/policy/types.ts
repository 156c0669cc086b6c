// Shared types of the compliance rule pack.
import type { Block, NamespaceContext, TerraformModel } from "../analysis/model";
import type { InvalidSuppression } from "./suppressions";

export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** One Terraform block of the synthesized stack (the analysis model's Block). */
export type PolicyResource = Block;
/** The model rules read (the analysis layer's model of cdk.tf.json). */
export type PolicyModel = TerraformModel;
export type { NamespaceContext };

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
  check(model: TerraformModel): RuleFinding[];
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
  /** Stack holding the block, when the report covers several stacks (a split estate). */
  readonly stack?: string;
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
  /** Live stack-wide suppressions that matched no finding. */
  readonly unusedSuppressions: readonly ScopedSuppression[];
  /** Suppressions found in the JSON metadata that cannot apply (no reason, bad rule id or date). */
  readonly invalidSuppressions: readonly InvalidSuppression[];
}
