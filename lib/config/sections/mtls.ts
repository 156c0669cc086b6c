// mTLS settings: certificate authorities (generated and rotating, or your own PEM files), the namespace's
// choice of CA, and per-worker client certificates.
import { z } from "zod";
import { describeValue } from "../issues";
import { identifier } from "./common";
import { CA_KEY_ALGORITHMS, ROTATING_CA_DEFAULTS } from "../../domain/ca-rotation";

const days = (what: string) => z.int({ error: (iss) => `${describeValue(iss.input)} is not a whole number of days` }).min(1).max(3650).describe(what);

/** A CA the library generates and rotates (RotatingCa). */
export const generatedCaSchema = z.strictObject({
  validityDays: days(`Lifetime of each CA certificate. @default ${ROTATING_CA_DEFAULTS.validityDays}`).optional(),
  rotateEveryDays: days(`Each of the two CA slots is regenerated this often; a new CA appears every half period and the outgoing one stays accepted that long. @default ${ROTATING_CA_DEFAULTS.rotateEveryDays}`).optional(),
  clientValidityDays: days(`Lifetime of client certificates issued from this CA. @default ${ROTATING_CA_DEFAULTS.clientValidityDays}`).optional(),
  keyAlgorithm: z.enum(CA_KEY_ALGORITHMS, { error: (iss) => `${describeValue(iss.input)} is not supported; use ${CA_KEY_ALGORITHMS.join(" or ")}` }).optional()
    .describe(`CA key algorithm. @default ${ROTATING_CA_DEFAULTS.keyAlgorithm}`),
  organization: z.string().min(1).max(64).optional().describe("Subject organization of the CA and client certificates. @default temporal-cloud-guardrails"),
});

/** An account-level CA that namespaces reference by name (`auth.mtls.ca`). */
export const certificateAuthoritySchema = z
  .strictObject({
    name: identifier.describe("CA name that namespaces reference in auth.mtls.ca."),
    generated: generatedCaSchema.optional().describe("Generate and rotate the CA with Terraform (give {} for the defaults)."),
    pemFiles: z.array(z.string().min(1)).min(1, { error: "lists no file; give at least one CA PEM file" }).optional()
      .describe("Your own CA certificates (paths relative to the config file), checked at synth time."),
    namespaceFilters: z.boolean().optional()
      .describe("When several namespaces share this CA, add a certificate filter per namespace (common name *.<namespace>). @default true"),
  })
  .superRefine((ca, ctx) => {
    if ((ca.generated === undefined) === (ca.pemFiles === undefined)) {
      ctx.addIssue({ code: "custom", message: "must set exactly one of generated (a rotating CA made by Terraform) or pemFiles (your own CA)" });
    }
  });

export const certificateAuthoritiesSchema = z.array(certificateAuthoritySchema).optional()
  .describe("Certificate authorities shared by namespaces.");

/** The namespace's mTLS CA: its own PEM files, or a CA from certificateAuthorities by name. */
export const mtlsAuthSchema = z
  .strictObject({
    caPemFiles: z.array(z.string().min(1)).min(1, { error: "lists no file; give at least one CA PEM file" }).optional()
      .describe("CA certificate PEM files (paths relative to the config file) that form the accepted client CA bundle."),
    ca: identifier.optional().describe("Name of a CA in certificateAuthorities."),
  })
  .superRefine((mtls, ctx) => {
    if ((mtls.caPemFiles === undefined) === (mtls.ca === undefined)) {
      ctx.addIssue({ code: "custom", message: "must set exactly one of caPemFiles (your own CA files) or ca (the name of a CA in certificateAuthorities)" });
    }
  });

/** Client certificate of an mTLS worker; issued automatically when the namespace's CA is generated. */
export const clientCertificateOptionsSchema = z.strictObject({
  issue: z.boolean().optional()
    .describe("Issue a client certificate for this worker from the namespace's generated CA and store it in the secrets manager. @default true when the CA is generated"),
});

export type GeneratedCaConfig = z.infer<typeof generatedCaSchema>;
export type CertificateAuthorityConfig = z.infer<typeof certificateAuthoritySchema>;
export type MtlsAuthConfig = z.infer<typeof mtlsAuthSchema>;
