// The package root exports one Finding: the compliance rule pack's. The plan review's is ReviewFinding.
import type { Finding, ReviewFinding } from "../../lib";
import { RULES, Severity } from "../../lib";

describe("package root", () => {
  it("Finding is the compliance finding (type-checked by tsc) and RULES is the rule pack", () => {
    const finding: Finding = { ruleId: "TC-NET-001", severity: Severity.ERROR, title: "t", control: "c", fix: "f", message: "m", address: "a", namespaces: [] };
    const change: ReviewFinding = { kind: "auth-changed", stack: "s", address: "a", message: "m", production: true, blocking: false };
    expect([finding.ruleId, change.kind]).toEqual(["TC-NET-001", "auth-changed"]);
    expect(RULES.map((r) => r.id)).toContain("TC-NET-001");
  });
});
