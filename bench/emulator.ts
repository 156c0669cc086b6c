// `npm run bench:emulator`: latency of a namespace create against the local emulator (budget < 50 ms,
// issue #12). Timing lives here, not in the unit suite, because a loaded CI machine makes timed tests flaky.
import { startHarness } from "../test/emulator/client";

const BUDGET_MS = 50;

async function main(): Promise<void> {
  const h = await startHarness();
  try {
    const spec = (name: string) => ({ name, regions: ["aws-us-east-1"], retentionDays: 14, apiKeyAuth: { enabled: true } });
    await h.cloud.createNamespace({ spec: spec("warm-up") });
    const times: number[] = [];
    for (let i = 0; i < 25; i++) {
      const started = process.hrtime.bigint();
      await h.cloud.createNamespace({ spec: spec(`latency-${i}`) });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const p90 = times[Math.floor(times.length * 0.9)];
    console.log(`namespace create: median ${median.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms over ${times.length} (budget ${BUDGET_MS} ms)`);
    if (median >= BUDGET_MS) process.exitCode = 1;
  } finally {
    await h.close();
  }
}

void main();
