// `temporal-cloud-guardrails/gcp`: GCP Private Service Connect plus the constructs that write to either cloud.
// Needs the optional peer @cdktf/provider-google (loaded when a Google resource is first created).
export * from "./clouds";
export * from "../constructs/psc-endpoint";
