// Replays what Terraform does with the synthesized time_rotating / time_offset / temporalcloud_apikey resources,
// hour by hour, when `terraform apply` runs every D days. Every parameter comes from the cdk.tf.json; anything the
// simulator does not understand throws, so a change in the construct cannot silently escape the proof.
import type { SynthJson } from "../helpers";

const HOURS_PER_DAY = 24;

interface PhaseTrigger {
  /** The trigger holds one value until plan time is strictly after this offset's time, then another. */
  readonly afterOffset: string;
}

interface ClockModel {
  readonly name: string;
  readonly periodHours: number;
  readonly phaseTriggers: readonly PhaseTrigger[];
}

interface SlotModel {
  readonly key: string;
  readonly clock: string;
  readonly expiryHours: number;
}

export interface RotationModel {
  readonly clocks: ReadonlyMap<string, ClockModel>;
  /** time_offset resources without a base: fixed at the first apply plus their offset. */
  readonly fixedOffsets: ReadonlyMap<string, number>;
  readonly slots: readonly SlotModel[];
  /** Keys whose tokens the secret version publishes. */
  readonly publishedKeys: readonly string[];
  /** How the secret picks `current`: `newer` if clock `newer` is strictly later than clock `older`, else `fallback`. */
  readonly current: { readonly newerClock: string; readonly olderClock: string; readonly ifNewer: string; readonly otherwise: string };
}

function offsetHours(attrs: Record<string, unknown>, prefix: "offset" | "rotation"): number {
  let hours = 0;
  for (const [unit, factor] of [["days", 24], ["hours", 1], ["minutes", 1 / 60]] as const) {
    const v = attrs[`${prefix}_${unit}`];
    if (typeof v === "number") hours += v * factor;
  }
  for (const unsupported of ["months", "years", "rfc3339"]) {
    if (attrs[`${prefix}_${unsupported}`] !== undefined) throw new Error(`simulator does not model ${prefix}_${unsupported}`);
  }
  if (hours <= 0) throw new Error(`no ${prefix} period in ${JSON.stringify(attrs)}`);
  return hours;
}

const ref = (expr: unknown, type: string, attr: string): string => {
  const m = new RegExp(`^\\$\\{${type}\\.([^.}]+)\\.${attr}\\}$`).exec(String(expr));
  if (!m) throw new Error(`expected a reference to ${type}.*.${attr}, got ${JSON.stringify(expr)}`);
  return m[1];
};

/** Builds the model from the synthesized stack (one rotating key set expected; `filter` picks it by key name). */
export function readRotationModel(json: SynthJson, filter: (keyName: string) => boolean = () => true): RotationModel {
  const rotating = json.resource?.time_rotating ?? {};
  const offsets = json.resource?.time_offset ?? {};
  const keys = Object.entries(json.resource?.temporalcloud_apikey ?? {}).filter(([name]) => filter(name));
  if (keys.length === 0) throw new Error("no temporalcloud_apikey in the stack");

  const clocks = new Map<string, ClockModel>();
  const fixedOffsets = new Map<string, number>();
  const slots: SlotModel[] = [];
  for (const [keyName, key] of keys) {
    if ((key.lifecycle as { create_before_destroy?: boolean } | undefined)?.create_before_destroy !== true) {
      throw new Error(`key ${keyName} is not create_before_destroy; the simulator assumes the new key exists before the old one goes`);
    }
    const offsetName = ref(key.expiry_time, "time_offset", "rfc3339");
    const offset = offsets[offsetName];
    const clockName = ref(offset.base_rfc3339, "time_rotating", "rfc3339");
    const clock = rotating[clockName];
    if (clock.rfc3339 !== undefined || clock.rotation_rfc3339 !== undefined) throw new Error("simulator models clocks based on their creation time only");
    const phaseTriggers: PhaseTrigger[] = [];
    for (const [, value] of Object.entries((clock.triggers ?? {}) as Record<string, string>)) {
      const m = /^\$\{\(timecmp\(plantimestamp\(\), time_offset\.([^.]+)\.rfc3339\) == 1\) \? "[^"]+" : "[^"]+"\}$/.exec(value);
      if (!m) throw new Error(`simulator does not understand trigger ${value}`);
      const fixed = offsets[m[1]];
      if (fixed.base_rfc3339 !== undefined || fixed.triggers !== undefined) throw new Error(`phase offset ${m[1]} must be fixed at the first apply`);
      fixedOffsets.set(m[1], offsetHours(fixed, "offset"));
      phaseTriggers.push({ afterOffset: m[1] });
    }
    clocks.set(clockName, { name: clockName, periodHours: offsetHours(clock, "rotation"), phaseTriggers });
    slots.push({ key: keyName, clock: clockName, expiryHours: offsetHours(offset, "offset") });
  }

  const versions = [
    ...Object.values(json.resource?.aws_secretsmanager_secret_version ?? {}).map((v) => String(v.secret_string)),
    ...Object.values(json.resource?.google_secret_manager_secret_version ?? {}).map((v) => String(v.secret_data)),
  ].filter((text) => slots.some((s) => text.includes(`temporalcloud_apikey.${s.key}.token`)));
  if (versions.length !== 1) throw new Error(`expected exactly one secret version publishing the keys, found ${versions.length}`);
  const secret = versions[0];
  const publishedKeys = slots.map((s) => s.key).filter((k) => secret.includes(`temporalcloud_apikey.${k}.token`));
  const m = /"current" = \(timecmp\(time_rotating\.([^.]+)\.rfc3339, time_rotating\.([^.]+)\.rfc3339\) == 1\) \? temporalcloud_apikey\.([^.]+)\.token : temporalcloud_apikey\.([^.]+)\.token/.exec(secret);
  if (!m) throw new Error("secret does not say which key is current in a form the simulator understands");
  return { clocks, fixedOffsets, slots, publishedKeys, current: { newerClock: m[1], olderClock: m[2], ifNewer: m[3], otherwise: m[4] } };
}

export interface SimulationOptions {
  readonly applyEveryDays: number;
  readonly horizonDays: number;
  /** time_rotating rotates when now is strictly after its rotation time (the provider's rule); false: at or after. */
  readonly strictRotation: boolean;
  /** Hours the n-th apply (n ≥ 1) runs after its scheduled time, e.g. a pipeline that starts a little late. @default none */
  readonly lateByHours?: (n: number) => number;
}

export interface SimulationResult {
  /** Hours in which no published key was valid (must be 0). */
  readonly hoursWithoutValidKey: number;
  /** Hours in which the key marked current was expired or gone (must be 0). */
  readonly hoursCurrentInvalid: number;
  /** Shortest time (hours) the superseded current key stayed valid after its successor was published. */
  readonly minOverlapHours: number;
  /** Longest lifetime (creation → expiry) of any key, hours. */
  readonly maxKeyLifetimeHours: number;
  /** Most keys existing at once on the owner (including the new key created before the old one is destroyed). */
  readonly peakKeys: number;
  readonly keysCreated: number;
  readonly currentSwitches: number;
}

interface KeyInstance {
  readonly id: number;
  readonly slot: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  destroyedAt: number;
}

export function simulate(model: RotationModel, options: SimulationOptions): SimulationResult {
  const applyEvery = options.applyEveryDays * HOURS_PER_DAY;
  const horizon = options.horizonDays * HOURS_PER_DAY;
  const clockBase = new Map<string, number>();
  const triggerState = new Map<string, string>();
  const fixed = new Map<string, number>();
  const live = new Map<string, KeyInstance>();
  const all: KeyInstance[] = [];
  let nextId = 0;
  let peakKeys = 0;
  let current: KeyInstance | undefined;
  const pendingOverlaps: Array<{ old: KeyInstance; since: number }> = [];
  let minOverlapHours = Infinity;
  let switches = 0;

  const triggerValue = (clock: ClockModel, now: number) =>
    clock.phaseTriggers.map((t) => (now > (fixed.get(t.afterOffset) as number) ? "after" : "before")).join(",");

  const apply = (now: number) => {
    if (now === 0) for (const [name, hours] of model.fixedOffsets) fixed.set(name, hours);
    const replaced = new Set<string>();
    for (const clock of model.clocks.values()) {
      const base = clockBase.get(clock.name);
      const value = triggerValue(clock, now);
      const due = base === undefined
        || (options.strictRotation ? now > base + clock.periodHours : now >= base + clock.periodHours)
        || triggerState.get(clock.name) !== value;
      if (due) {
        clockBase.set(clock.name, now);
        triggerState.set(clock.name, value);
        replaced.add(clock.name);
      }
    }
    const created: KeyInstance[] = [];
    for (const slot of model.slots) {
      if (!replaced.has(slot.clock)) continue;
      const key: KeyInstance = { id: nextId++, slot: slot.key, createdAt: now, expiresAt: now + slot.expiryHours, destroyedAt: Infinity };
      created.push(key);
      all.push(key);
    }
    // create_before_destroy: new keys exist alongside the old ones for a moment.
    peakKeys = Math.max(peakKeys, live.size + created.length);
    for (const key of created) {
      const old = live.get(key.slot);
      if (old) old.destroyedAt = now;
      live.set(key.slot, key);
    }
    const { newerClock, olderClock, ifNewer, otherwise } = model.current;
    const pick = (clockBase.get(newerClock) as number) > (clockBase.get(olderClock) as number) ? ifNewer : otherwise;
    const next = live.get(pick);
    if (!next) throw new Error(`current key ${pick} does not exist`);
    if (current && next !== current) {
      pendingOverlaps.push({ old: current, since: now });
      switches++;
    }
    current = next;
  };

  let hoursWithoutValidKey = 0;
  let hoursCurrentInvalid = 0;
  let applyIndex = 0;
  let nextApply = 0;
  for (let hour = 0; hour <= horizon; hour++) {
    if (hour === nextApply) {
      apply(hour);
      applyIndex++;
      nextApply = applyIndex * applyEvery + Math.floor(options.lateByHours?.(applyIndex) ?? 0);
    }
    let valid = 0;
    for (const name of model.publishedKeys) {
      const key = live.get(name);
      if (key && key.expiresAt > hour) valid++;
    }
    if (valid === 0) hoursWithoutValidKey++;
    if (!current || current.expiresAt <= hour || current.destroyedAt <= hour) hoursCurrentInvalid++;
  }
  for (const { old, since } of pendingOverlaps) {
    const end = Math.min(old.destroyedAt, old.expiresAt);
    if (end === Infinity || end > horizon) continue; // still overlapping when the simulation ends
    minOverlapHours = Math.min(minOverlapHours, end - since);
  }
  return {
    hoursWithoutValidKey,
    hoursCurrentInvalid,
    minOverlapHours,
    maxKeyLifetimeHours: Math.max(...all.map((k) => k.expiresAt - k.createdAt)),
    peakKeys,
    keysCreated: all.length,
    currentSwitches: switches,
  };
}
