// mTLS settings: the namespace's CA and per-worker client certificates (mTLS issue).
import { z } from "zod";

/** Foundation form: a CA bundle given as PEM files. The mTLS issue adds generated, rotating CAs. */
export const mtlsAuthSchema = z.strictObject({
  caPemFiles: z.array(z.string().min(1)).min(1, { error: "lists no file; give at least one CA PEM file" })
    .describe("CA certificate PEM files (paths relative to the config file) that form the accepted client CA bundle."),
});

export const clientCertificateOptionsSchema = z.unknown().optional().superRefine((value, ctx) => {
  if (value !== undefined) ctx.addIssue({ code: "custom", message: "workers[].certificate (client certificates) is not supported by this version yet; remove this section" });
});

/** Account-level certificate authorities shared by namespaces (mTLS issue). */
export const certificateAuthoritiesSchema = z.unknown().optional().superRefine((value, ctx) => {
  if (value !== undefined) ctx.addIssue({ code: "custom", message: "certificateAuthorities (generated, rotating CAs) is not supported by this version yet; remove this section" });
});
