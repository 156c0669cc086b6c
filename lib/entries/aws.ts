// `temporal-cloud-guardrails/aws`: AWS PrivateLink plus the constructs that write to either cloud. Needs the
// optional peer @cdktf/provider-aws (loaded when an AWS resource is first created).
export * from "./clouds";
export * from "../constructs/private-link-endpoint";
