// Apply schedules that real pipelines produce, seeded so every run is reproducible. Times are seconds since
// the epoch; `start` is the first (successful) deploy. Each generator returns the successful applies only.
const HOUR = 3600;
const DAY = 86400;

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ScheduleSpec {
  readonly start: number;
  readonly until: number;
  /** The declared longest gap between successful applies, days. */
  readonly cadenceDays: number;
  readonly seed: number;
}

export type ScheduleFamily = "regular" | "random-within-cadence" | "merge-bursts" | "missed-runs" | "failing-runs" | "long-pause";

export interface ScheduleOptions {
  /** failing-runs: share of scheduled runs that fail. @default 0.05 */
  readonly failureRate?: number;
  /** long-pause: pause length in days, starting at a random point. @default 4 × cadence */
  readonly pauseDays?: number;
  /** missed-runs: share of scheduled runs skipped (never two in a row). @default 0.1 */
  readonly missRate?: number;
}

/** Applies of one schedule family. */
export function applySchedule(family: ScheduleFamily, spec: ScheduleSpec, options: ScheduleOptions = {}): number[] {
  const random = seededRandom(spec.seed);
  const cadence = spec.cadenceDays * DAY;
  const scheduled: number[] = [];
  // The pipeline's timer: exactly every `cadence`.
  for (let t = spec.start; t < spec.until; t += cadence) scheduled.push(t);
  switch (family) {
    case "regular":
      return scheduled;
    case "random-within-cadence": {
      const out = [spec.start];
      while (out[out.length - 1] < spec.until) out.push(out[out.length - 1] + HOUR + Math.floor(random() * (cadence - HOUR)));
      return out;
    }
    case "merge-bursts": {
      // The timer plus deploys on merge: on a third of the days, 1–6 merges between 08:00 and 18:00.
      const merges: number[] = [];
      for (let day = spec.start; day < spec.until; day += DAY) {
        if (random() > 1 / 3) continue;
        const n = 1 + Math.floor(random() * 6);
        for (let i = 0; i < n; i++) merges.push(day + 8 * HOUR + Math.floor(random() * 10 * HOUR));
      }
      return [...new Set([spec.start, ...scheduled, ...merges])].sort((a, b) => a - b);
    }
    case "missed-runs": {
      const rate = options.missRate ?? 0.1;
      let missedLast = false;
      return scheduled.filter((t, i) => {
        const miss = i > 0 && !missedLast && random() < rate;
        missedLast = miss;
        return !miss;
      });
    }
    case "failing-runs": {
      const rate = options.failureRate ?? 0.05;
      return scheduled.filter((_, i) => i === 0 || random() >= rate);
    }
    case "long-pause": {
      const pause = (options.pauseDays ?? 4 * spec.cadenceDays) * DAY;
      const from = spec.start + cadence + Math.floor(random() * Math.max(1, spec.until - spec.start - pause - 2 * cadence));
      return scheduled.filter((t) => t < from || t >= from + pause);
    }
  }
}

/** Longest gap between consecutive applies, days. */
export function longestGapDays(applies: readonly number[]): number {
  let gap = 0;
  for (let i = 1; i < applies.length; i++) gap = Math.max(gap, applies[i] - applies[i - 1]);
  return gap / DAY;
}
