// Human access, custom roles and the incident switch (identity issue).
import { notBuiltYet } from "./common";

export const accessSchema = notBuiltYet("access (human group access and custom roles)");
export const incidentSchema = notBuiltYet("incident (emergency API-key revocation)");
