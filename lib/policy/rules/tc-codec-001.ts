import { Severity } from "../types";
import { builtInRule } from "./built-in";
import { isUnknown } from "../../analysis/references";
import { attr, namespaces } from "./helpers";

export const TC_CODEC_001 = builtInRule({
  id: "TC-CODEC-001",
  title: "Codec server not on HTTPS",
  severity: Severity.ERROR,
  control: "Codec server endpoints use HTTPS",
  fix: "Serve the codec server over TLS and set codec_server.endpoint to its https:// URL.",
  check(model) {
    return namespaces(model).flatMap((ns) => {
      const endpoint = attr(ns, "codec_server.endpoint");
      if (typeof endpoint !== "string" || isUnknown(endpoint) || /^https:\/\//i.test(endpoint)) return [];
      return [{ resource: ns, attribute: "codec_server.endpoint", message: `codec server endpoint ${endpoint} is not https://`, namespaces: [model.namespaceName(ns)] }];
    });
  },
});
