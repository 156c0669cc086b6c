// Terraform state backend (pipelines issue).
import { notBuiltYet } from "./common";

export const backendSchema = notBuiltYet("backend (Terraform state backend)");
