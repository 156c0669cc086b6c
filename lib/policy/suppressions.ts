// Suppressions: accepted findings, each with a mandatory reason and an optional expiry date.
import type { IConstruct } from "constructs";
import { Aspects, TerraformDataSource, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
import { GUARDRAILS_KEY } from "../analysis/marker";
import type { ConstructSuppression, Finding, InvalidSuppression, ScopedSuppression, Suppression } from "./types";

export type { InvalidSuppression };

import { isIsoDate, MIN_REASON_LENGTH } from "../domain/compliance";

export { isIsoDate, MIN_REASON_LENGTH, RULE_ID_PATTERN } from "../domain/compliance";

const KEY = Symbol.for("temporal-cloud-guardrails.policy.suppressions");

/**
 * Any rule's id: the built-in `TC-NET-001` or your own IRule's (`ACME-TAG-001`), upper-case words joined by
 * dashes. The config only knows the built-in rules and keeps to RULE_ID_PATTERN and their ids.
 */
export const ANY_RULE_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

interface Carrier {
  [KEY]?: ScopedSuppression[];
}

/** Problems with a suppression as written (empty when valid). */
export function suppressionProblems(s: Partial<Suppression>): string[] {
  const problems: string[] = [];
  if (typeof s.rule !== "string" || !ANY_RULE_ID.test(s.rule)) {
    problems.push(`rule ${JSON.stringify(s.rule)} is not a rule id; use an id like TC-NET-001 (see the rule table in the README) or your own rule's`);
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

/** Attach suppressions to constructs, like cdk-nag's NagSuppressions; they are written into the JSON. */
export class PolicySuppressions {
  /**
   * Suppresses findings of `suppressions` on `construct` and, with `applyToChildren` (default true),
   * on everything below it. Throws when a suppression has no reason or a malformed id/date. Give a
   * suppression an `origin` to name where it was declared in reports. @default origin: the construct path
   * At synthesis every Terraform block below the construct carries the suppressions in its
   * `"//".temporal_cloud_guardrails.suppressions`, so `validate --rules` on the JSON applies them too.
   */
  static addResourceSuppressions(construct: IConstruct, suppressions: ConstructSuppression[], applyToChildren = true): void {
    const problems = suppressions.flatMap((s, i) => suppressionProblems(s).map((p) => `suppressions[${i}]: ${p}`));
    if (problems.length > 0) throw new Error(`${construct.node.path}: invalid suppression:\n  - ${problems.join("\n  - ")}`);
    const carrier = construct as unknown as Carrier;
    // `origin` (where the suppression was declared, e.g. a config path) defaults to the construct path.
    carrier[KEY] = [...(carrier[KEY] ?? []), ...suppressions.map((s) => ({ ...s, origin: s.origin ?? construct.node.path, childrenToo: applyToChildren }))];
    // Written now for the blocks that exist, and again at synthesis for blocks added later.
    writeSuppressionMetadata(construct);
    const stack = TerraformStack.of(construct);
    if (!withWriter.has(stack)) {
      withWriter.add(stack);
      Aspects.of(stack).add({ visit: (node) => { if (node === stack) writeSuppressionMetadata(stack); } });
    }
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

const withWriter = new WeakSet<TerraformStack>();

/** The JSON form of a suppression (what the metadata holds). */
export function suppressionRecord(s: ScopedSuppression): Record<string, unknown> {
  const record: Record<string, unknown> = { rule: s.rule, reason: s.reason, origin: s.origin };
  if (s.expires !== undefined) record.expires = s.expires;
  if (s.resources !== undefined) record.resources = [...s.resources];
  if (s.namespace !== undefined) record.namespace = s.namespace;
  return record;
}

/**
 * Writes the construct suppressions into the "//" metadata of every block under `scope` they cover (idempotent: the
 * whole list is written each time). Runs as an aspect at synthesis and before a policy evaluates a stack.
 */
export function writeSuppressionMetadata(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  for (const node of scope.node.findAll()) {
    if (!(node instanceof TerraformResource || node instanceof TerraformDataSource || node instanceof TerraformOutput)) continue;
    if (TerraformStack.of(node) !== stack) continue;
    const list = PolicySuppressions.of(node);
    if (list.length > 0) node.addOverride(`//.${GUARDRAILS_KEY}.suppressions`, list.map(suppressionRecord));
  }
}

/** Writes stack-wide suppressions (config, CompliancePolicy props) into the stack's top-level "//" metadata. */
export function writeStackSuppressions(stack: TerraformStack, suppressions: readonly ScopedSuppression[]): void {
  if (suppressions.length > 0) stack.addOverride(`//.${GUARDRAILS_KEY}.suppressions`, suppressions.map(suppressionRecord));
}

/**
 * Suppressions as read from JSON metadata: valid ones become ScopedSuppressions (identical records give
 * the same object, so a suppression written on many blocks counts once); the others are returned with
 * their problems and never suppress anything.
 */
export class SuppressionReader {
  private readonly byKey = new Map<string, ScopedSuppression>();
  public readonly invalid: InvalidSuppression[] = [];
  private readonly invalidKeys = new Set<string>();

  read(list: unknown, where: string): ScopedSuppression[] {
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      this.reject(list, where, ["suppressions must be a list"]);
      return [];
    }
    const out: ScopedSuppression[] = [];
    for (const item of list) {
      const s = (item && typeof item === "object" ? item : {}) as Partial<ScopedSuppression>;
      const problems = suppressionProblems(s);
      if (s.resources !== undefined && !(Array.isArray(s.resources) && s.resources.every((r) => typeof r === "string"))) problems.push("resources must be a list of addresses or construct paths");
      if (problems.length > 0) {
        this.reject(item, typeof s.origin === "string" ? s.origin : where, problems);
        continue;
      }
      const scoped: ScopedSuppression = {
        rule: s.rule!, reason: s.reason!, origin: typeof s.origin === "string" ? s.origin : where,
        ...(s.expires !== undefined ? { expires: s.expires } : {}),
        ...(s.resources !== undefined ? { resources: s.resources } : {}),
        ...(typeof s.namespace === "string" ? { namespace: s.namespace } : {}),
      };
      const key = JSON.stringify(suppressionRecord(scoped));
      const known = this.byKey.get(key) ?? scoped;
      this.byKey.set(key, known);
      out.push(known);
    }
    return out;
  }

  /** Every distinct valid suppression read so far. */
  get all(): ScopedSuppression[] {
    return [...this.byKey.values()];
  }

  private reject(written: unknown, origin: string, problems: string[]): void {
    const key = `${origin}|${JSON.stringify(written)}`;
    if (this.invalidKeys.has(key)) return;
    this.invalidKeys.add(key);
    this.invalid.push({ origin, written, problems });
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
