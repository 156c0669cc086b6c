// Payload encryption keys, export sinks, audit log and metrics (data-protection issue).
import { notBuiltYet } from "./common";

export const encryptionSchema = notBuiltYet("encryption (payload encryption keys)");
export const exportSchema = notBuiltYet("export (workflow history export sink)");
export const auditLogSchema = notBuiltYet("auditLog (account audit log sink)");
export const metricsSchema = notBuiltYet("metrics (metrics endpoint)");
