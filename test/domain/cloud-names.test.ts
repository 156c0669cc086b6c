import {
  EDITOR_PATTERNS, gcpKmsKeyNameProblem, gcsBucketNameProblem, ipv4CidrProblem, kmsAliasProblem, kmsKeyArnProblem,
  parseKmsKeyArn, s3BucketNameProblem, secretNamePrefixProblem,
} from "../../lib/domain/cloud-names";
import { checkSearchAttributes, searchAttributeNameProblem } from "../../lib/domain/namespace-rules";
import { SEARCH_ATTRIBUTE_LIMITS } from "../../lib/domain/limits";

describe("IPv4 CIDR blocks as the AWS provider accepts them", () => {
  test.each(["0.0.0.0/0", "10.0.0.0/8", "10.20.0.0/16", "192.168.1.7/32", "172.16.0.0/12", "255.255.255.255/32"])("accepts %s", (cidr) => {
    expect(ipv4CidrProblem(cidr)).toBeUndefined();
    expect(EDITOR_PATTERNS.ipv4Cidr.test(cidr)).toBe(true);
  });

  test.each([
    ["10.50.0.0/33", "/0 to /32"],
    ["10.300.0.0/16", "octet 300"],
    ["10.0.0.0", "write address/prefix"],
    ["10.0.1.0/16", 'network address "10.0.0.0/16"'],
    ["192.168.1.7/24", 'network address "192.168.1.0/24"'],
    ["010.0.0.0/8", "leading zero"],
    ["10.0.0.0/16 ", "write address/prefix"],
  ])("refuses %s", (cidr, why) => {
    const message = ipv4CidrProblem(cidr);
    expect(message).toContain(JSON.stringify(cidr));
    expect(message).toContain(why);
  });
});

describe("bucket names", () => {
  test.each(["orders-history", "my.bucket.1", "abc", "a".repeat(63)])("S3 accepts %s", (name) => expect(s3BucketNameProblem(name)).toBeUndefined());
  test.each([
    ["ab", "3 to 63"], ["a".repeat(64), "3 to 63"], ["Orders", "lowercase"], ["orders_history", "lowercase"], ["-orders", "start and end"],
    ["orders..history", "adjacent periods"], ["192.168.5.4", "IP address"], ["xn--orders", "xn--"], ["orders-s3alias", "-s3alias"],
  ])("S3 refuses %s", (name, why) => expect(s3BucketNameProblem(name)).toContain(why));

  test.each(["orders_history", "orders-history", "a.b.c", `${"a".repeat(63)}.${"b".repeat(63)}`])("GCS accepts %s", (name) => expect(gcsBucketNameProblem(name)).toBeUndefined());
  test.each([
    ["ab", "3 to 63"], ["Orders", "lowercase"], ["goog-history", "goog"], ["my-g00gle-data", "google"], ["10.1.2.3", "IP address"],
    [`${"a".repeat(64)}.b`, "each dot-separated part"], ["_orders", "start and end"],
  ])("GCS refuses %s", (name, why) => expect(gcsBucketNameProblem(name)).toContain(why));
});

describe("KMS names", () => {
  test("aliases: alias/ prefix, allowed characters, alias/aws/ reserved", () => {
    expect(kmsAliasProblem("alias/temporal/payments/payloads")).toBeUndefined();
    expect(kmsAliasProblem("payments")).toContain("must start with alias/");
    expect(kmsAliasProblem("alias/aws/s3")).toContain("AWS reserves");
    expect(kmsAliasProblem("alias/has space")).toContain("only letters");
    expect(kmsAliasProblem(`alias/${"a".repeat(251)}`)).toContain("at most 256");
  });

  test("key ARNs: single- and multi-Region keys parse, aliases and bare ids do not", () => {
    expect(parseKmsKeyArn("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")).toEqual({
      partition: "aws", region: "us-east-1", accountId: "111122223333", keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", multiRegion: false,
    });
    expect(parseKmsKeyArn("arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab")?.multiRegion).toBe(true);
    expect(kmsKeyArnProblem("arn:aws:kms:us-east-1:111122223333:alias/x")).toContain("alias ARN");
    expect(kmsKeyArnProblem("1234abcd-12ab-34cd-56ef-1234567890ab")).toContain("is not a KMS key ARN");
    expect(gcpKmsKeyNameProblem("projects/p/locations/us-central1/keyRings/r/cryptoKeys/k")).toBeUndefined();
    expect(gcpKmsKeyNameProblem("projects/p/keyRings/r")).toContain("projects/<project>/locations/");
  });
});

describe("search attributes (Temporal Cloud limits)", () => {
  test("names: up to 64 of the documented characters, no built-in name, no Temporal prefix", () => {
    expect(searchAttributeNameProblem("CustomerId")).toBeUndefined();
    expect(searchAttributeNameProblem("order.id, v2: a-b_c/d@e f")).toBeUndefined();
    expect(searchAttributeNameProblem("x".repeat(64))).toBeUndefined();
    expect(searchAttributeNameProblem("x".repeat(65))).toContain("65 characters");
    expect(searchAttributeNameProblem("Customer#Id")).toContain("not a valid search attribute name");
    expect(searchAttributeNameProblem("RunId")).toContain("built-in");
    expect(searchAttributeNameProblem("TemporalFoo")).toContain('"Temporal"');
  });

  test("per-type counts at the limit pass and one more fails, for every type", () => {
    for (const [type, limit] of Object.entries(SEARCH_ATTRIBUTE_LIMITS)) {
      const at = Object.fromEntries(Array.from({ length: limit }, (_, i) => [`A${i}`, type]));
      expect(checkSearchAttributes(at)).toEqual([]);
      const over = { ...at, Extra: type };
      expect(checkSearchAttributes(over)).toEqual([["searchAttributes", expect.stringContaining(`at most ${limit} ${type}`)]]);
    }
  });

  test("types: KeywordList and capitalised spellings get the spelling to use", () => {
    expect(checkSearchAttributes({ L: "KeywordList" })[0][1]).toContain("write keyword_list");
    expect(checkSearchAttributes({ L: "keyword-list" })[0][1]).toContain("write keyword_list");
    expect(checkSearchAttributes({ T: "Datetime" })[0][1]).toContain("lowercase: datetime");
  });
});

describe("AWS Secrets Manager name prefix", () => {
  test("letters, digits and / _ + = . @ - pass; anything else is named", () => {
    expect(secretNamePrefixProblem("temporal/")).toBeUndefined();
    expect(secretNamePrefixProblem("team_a+b=c.d@e-f/")).toBeUndefined();
    expect(secretNamePrefixProblem("team secrets#/")).toBe('"team secrets#/" has " ", "#", which AWS Secrets Manager refuses in secret names; use only letters, digits and / _ + = . @ - (e.g. "temporal/")');
    expect(secretNamePrefixProblem("é/")).toContain('has "é"');
    expect(secretNamePrefixProblem("a".repeat(401))).toContain("is 401 characters");
  });
});
