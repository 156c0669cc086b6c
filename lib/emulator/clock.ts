// The emulator's clock: real time plus an offset that the CLI flag or the admin endpoint moves, so key
// expiry can be tested without waiting.

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses "90d", "-1h", "2h30m", "45s" (an optional sign, then number+unit pairs) into milliseconds. */
export function parseDuration(text: string): number {
  const match = /^([+-]?)((?:\d+(?:\.\d+)?[smhdw])+)$/.exec(text.trim());
  if (!match) {
    throw new Error(`"${text}" is not a duration; use number+unit pairs with units s, m, h, d, w, e.g. "30d", "-2h", "1d12h"`);
  }
  let total = 0;
  for (const part of match[2].matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)) total += Number(part[1]) * UNIT_MS[part[2]];
  return match[1] === "-" ? -total : total;
}

export class Clock {
  constructor(private offsetMs = 0) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  setOffset(ms: number): void {
    this.offsetMs = ms;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface Timestamp {
  seconds: number;
  nanos: number;
}

export function toTimestamp(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

export function fromTimestamp(ts: { seconds?: number | string; nanos?: number } | undefined): number | undefined {
  if (!ts || ts.seconds === undefined) return undefined;
  return Number(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1_000_000);
}
