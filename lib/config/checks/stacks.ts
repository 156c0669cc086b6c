// Cross checks of a split estate: every namespace has a stack, stack names do not collide with the shared
// and access stacks, and each stack gets a state of its own from the backend.
import type { CrossCheck } from "../cross-checks";

export const stacksAreConsistent: CrossCheck = (config, issues) => {
  const plan = config.stacks;
  if (!plan.split) return;
  const named = config.namespaces.find((ns) => ns.stackAsWritten !== undefined);
  if (plan.by === undefined) {
    const why = named ? `namespaces[${named.index}].stack is ("${named.stackAsWritten}")` : "stacks is set without stacks.by";
    for (const ns of config.namespaces) {
      if (ns.stackAsWritten !== undefined) continue;
      issues.add(`namespaces[${ns.index}].stack`, `is not set while ${why}; name the stack of every namespace, or set stacks.by: environment (or namespace) to place the others`);
    }
  }
  if (plan.shared === plan.access) {
    issues.add("stacks.access", `"${plan.access}" is also the shared stack's name (stacks.shared); the access stack is applied after the namespace stacks and the shared one before, so give them different names`);
  }
  const reserved = (name: string) => (name === plan.shared ? "shared" : name === plan.access ? "access" : undefined);
  for (const ns of config.namespaces) {
    const role = reserved(ns.stack);
    if (!role) continue;
    const at = ns.stackAsWritten !== undefined ? `namespaces[${ns.index}].stack` : plan.names?.[ns.environment] !== undefined ? `stacks.names.${ns.environment}` : `namespaces[${ns.index}]`;
    issues.add(at, `puts namespace "${ns.name}" into "${ns.stack}", the ${role} stack (stacks.${role}); namespace stacks need names of their own, so choose another name or set stacks.${role}`);
  }
  if (plan.names !== undefined && plan.by !== "environment") {
    issues.add("stacks.names", `names stacks per environment, which only applies with stacks.by: environment (stacks.by is ${plan.by === undefined ? "not set" : `"${plan.by}"`}); set by: environment or remove names`);
  }
  splitBackend(config, issues);
  for (const ca of config.certificateAuthorities.values()) {
    const stacks = [...new Set(ca.namespaces.map((ns) => ns.stack))];
    if (!ca.generated || stacks.length < 2) continue;
    issues.add(`certificateAuthorities[${ca.index}]`, `generated CA "${ca.name}" is trusted by namespaces of stacks ${stacks.map((s) => `"${s}"`).join(" and ")}; a generated CA rotates and signs client certificates inside one stack, so give each stack its own CA (which also keeps environments apart, TC-SEP-002), or use pemFiles`);
  }
};

/** One state location for several stacks would make them overwrite each other's state. */
const splitBackend: CrossCheck = (config, issues) => {
  const backend = config.backend;
  const count = config.stacks.stacks.length;
  const fix = "remove it: each stack of a split estate gets its own";
  if (backend?.type === "local" && backend.path !== undefined) {
    issues.add("backend.path", `"${backend.path}" is one state file for ${count} stacks; ${fix} (../<stack>/terraform.<stack>.tfstate)`);
  } else if (backend?.type === "s3" && backend.key !== undefined) {
    issues.add("backend.key", `"${backend.key}" is one state object for ${count} stacks; ${fix} (<stack>/terraform.tfstate)`);
  } else if (backend?.type === "gcs" && backend.prefix !== undefined) {
    issues.add("backend.prefix", `"${backend.prefix}" is one state folder for ${count} stacks; ${fix} (<stack>)`);
  } else if (backend?.type === "cloud") {
    issues.add("backend.type", `"cloud" is not supported for a split estate yet (cross-stack references need one workspace per stack, read through remote state); use s3 or gcs, or keep the estate in one stack`);
  }
};
