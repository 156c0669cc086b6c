// API-key rotation options for a worker (identity issue).
import { notBuiltYet } from "./common";

export const apiKeyOptionsSchema = notBuiltYet("workers[].apiKey (API-key rotation settings)");
