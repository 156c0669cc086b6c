// Suppressions: accepted findings, each with a mandatory reason and an optional expiry date.
import type { IConstruct } from "constructs";
import type { Finding, ScopedSuppression, Suppression } from "./types";

import { isIsoDate, MIN_REASON_LENGTH, RULE_ID_PATTERN } from "../domain/compliance";

export { isIsoDate, MIN_REASON_LENGTH, RULE_ID_PATTERN } from "../domain/compliance";

const KEY = Symbol.for("temporal-cloud-guardrails.policy.suppressions");

interface Carrier {
  [KEY]?: ScopedSuppression[];
}

/** Problems with a suppression as written (empty when valid). */
export function suppressionProblems(s: Partial<Suppression>): string[] {
  const problems: string[] = [];
  if (typeof s.rule !== "string" || !RULE_ID_PATTERN.test(s.rule)) {
    problems.push(`rule ${JSON.stringify(s.rule)} is not a rule id; use an id like TC-NET-001 (see the rule table in the README)`);
  }
  if (typeof s.reason !== "string" || s.reason.trim().length < MIN_REASON_LENGTH) {
    problems.push(`reason is missing or too short; write at least ${MIN_REASON_LENGTH} characters saying why the finding is accepted`);
  }
  if (s.expires !== undefined && !isIsoDate(s.expires)) {
    problems.push(`expires ${JSON.stringify(s.expires)} is not a date; use YYYY-MM-DD`);
  }
  return problems;
}

/** Expired from the first moment of the `expires` day (UTC). */
export function isExpired(s: Suppression, now: Date): boolean {
  return s.expires !== undefined && Date.parse(`${s.expires}T00:00:00Z`) <= now.getTime();
}

/** Attach suppressions to constructs, like cdk-nag's NagSuppressions. */
export class PolicySuppressions {
  /**
   * Suppresses findings of `suppressions` on `construct` and, with `applyToChildren` (default true),
   * on everything below it. Throws when a suppression has no reason or a malformed id/date. Give a
   * suppression an `origin` to name where it was declared in reports. @default origin: the construct path
   */
  static addResourceSuppressions(construct: IConstruct, suppressions: readonly (Suppression & { readonly origin?: string })[], applyToChildren = true): void {
    const problems = suppressions.flatMap((s, i) => suppressionProblems(s).map((p) => `suppressions[${i}]: ${p}`));
    if (problems.length > 0) throw new Error(`${construct.node.path}: invalid suppression:\n  - ${problems.join("\n  - ")}`);
    const carrier = construct as unknown as Carrier;
    // `origin` (where the suppression was declared, e.g. a config path) defaults to the construct path.
    carrier[KEY] = [...(carrier[KEY] ?? []), ...suppressions.map((s) => ({ ...s, origin: s.origin ?? construct.node.path, childrenToo: applyToChildren }))];
  }

  /** Suppressions declared on `construct` or (inherited) on its ancestors. */
  static of(construct: IConstruct | undefined): ScopedSuppression[] {
    const out: ScopedSuppression[] = [];
    for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
      const own = (c as unknown as Carrier)[KEY] ?? [];
      for (const s of own) if (c === construct || (s as { childrenToo?: boolean }).childrenToo !== false) out.push(s);
    }
    return out;
  }
}

/** True when `s` covers `finding` (rule, namespace and resource scope; expiry is checked separately). */
export function covers(s: ScopedSuppression, finding: Finding): boolean {
  if (s.rule !== finding.ruleId) return false;
  if (s.namespace !== undefined && !finding.namespaces.includes(s.namespace)) return false;
  if (s.resources && s.resources.length > 0) {
    return s.resources.some((r) => finding.address.startsWith(r) || (finding.constructPath?.startsWith(r) ?? false));
  }
  return true;
}
