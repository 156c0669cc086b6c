// High-availability replication for a namespace (HA issue).
import { notBuiltYet } from "./common";

export const haSchema = notBuiltYet("ha (namespace replication)");
