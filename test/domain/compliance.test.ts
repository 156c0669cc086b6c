import { RULE_IDS } from "../../lib/domain/compliance";
import { RULES } from "../../lib/policy/rules";
import { parseConfig } from "../../lib/config/parse";
import { ConfigError } from "../../lib/config/issues";

describe("rule ids in the domain", () => {
  it("are exactly the ids of the rule pack, in its order", () => {
    expect(RULE_IDS).toEqual(RULES.map((r) => r.id));
  });

  it("let the config refuse a suppression of a rule that does not exist, naming the closest one", () => {
    const config = {
      namespaces: [{ name: "payments-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true } }],
      suppressions: [{ rule: "TC-NET-011", reason: "the network is managed by another team" }],
    };
    expect(() => parseConfig(config)).toThrow(ConfigError);
    expect(() => parseConfig(config)).toThrow(/suppressions\[0\]\.rule: "TC-NET-011" is not a rule of this version; did you mean TC-NET-001\?/);
  });
});
