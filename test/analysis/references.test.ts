import { interpolations, isUnknown, referencesIn } from "../../lib/analysis/references";

const addresses = (value: unknown) => referencesIn(value).map((r) => `${r.address}|${r.attribute}`);

describe("referencesIn (the one reference parser)", () => {
  it("reads resource and data traversals with their attribute path", () => {
    expect(addresses("${temporalcloud_namespace.ns-a_namespace_1A.id}")).toEqual(["temporalcloud_namespace.ns-a_namespace_1A|id"]);
    expect(addresses("${data.aws_caller_identity.me.account_id}")).toEqual(["data.aws_caller_identity.me|account_id"]);
    expect(addresses("${tls_self_signed_cert.ca.cert_pem}${aws_x.y.list[0].arn}")).toEqual(["tls_self_signed_cert.ca|cert_pem", "aws_x.y|list[0].arn"]);
    expect(addresses("${temporalcloud_apikey.k}")).toEqual(["temporalcloud_apikey.k|"]);
  });

  it("finds references inside function calls, object literals and nested templates", () => {
    expect(addresses('${timeadd(time_rotating.r.rfc3339, "2160h")}')).toEqual(["time_rotating.r|rfc3339"]);
    expect(addresses('${jsonencode({token = temporalcloud_apikey.k.token, n = 1})}')).toEqual(["temporalcloud_apikey.k|token"]);
    expect(addresses('${join(",", ["${aws_a.b.id}", "x.y"])}')).toEqual(["aws_a.b|id"]);
  });

  it("skips variables, locals, modules, quoted text and Terraform's $${ escape", () => {
    expect(addresses("${var.region}-${local.name}-${module.m.out}-${each.key}")).toEqual([]);
    expect(addresses('${format("%s", "example.com")}')).toEqual([]);
    expect(addresses("team $${TEAM} and $${aws_x.y.id}")).toEqual([]);
    expect(isUnknown("$${TEAM}")).toBe(false);
    expect(isUnknown("a ${var.x} b")).toBe(true);
    expect(isUnknown("plain")).toBe(false);
  });

  it("walks nested values and matches braces", () => {
    expect(addresses({ a: ["${aws_a.b.id}"], b: { c: "${aws_c.d.arn}" } })).toEqual(["aws_a.b|id", "aws_c.d|arn"]);
    expect(interpolations('x ${lookup({a = "}"}, "a")} y ${aws_a.b.id}')).toEqual(['lookup({a = "}"}, "a")', "aws_a.b.id"]);
  });
});
