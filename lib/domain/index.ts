// The facts and rules every layer shares. Imports nothing of this package outside lib/domain.
export * from "./problem";
export * from "./limits";
export * from "./regions";
export * from "./environments";
export * from "./namespace-rules";
export * from "./replication";
export * from "./ca-rotation";
export * from "./certificates";
export * from "./sinks";
export * from "./secrets";
export * from "./compliance";
// Named apart: the API-key schedule shares names (checkRotationSettings, RotationSettings) with the CA schedule.
export * as apiKeyRotation from "./api-key-rotation";
