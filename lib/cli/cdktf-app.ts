// cdktf app entry (`npx cdktf synth` runs this via cdktf.json). Config: $TCG_CONFIG or the default example.
// cdktf passes the output directory in CDKTF_OUTDIR.
import { App } from "cdktf";
import { loadConfig } from "../config/load";
import { DEFAULT_CONFIG } from "./synth-command";
import { ConfigError } from "../config/issues";
import { estateConfigOf } from "../config/estate-config";
import { TemporalCloudEstate } from "../estate/temporal-cloud-estate";
import { DEFAULT_STACK_NAME } from "../estate/synth";

function run(): void {
  let config;
  try {
    config = loadConfig(process.env.TCG_CONFIG ?? DEFAULT_CONFIG);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const app = new App();
  // A split estate (stacks in the config) becomes several stacks; `cdktf deploy "*"` applies them in dependency order.
  new TemporalCloudEstate(app, { config: estateConfigOf(config), stackName: config.name ?? DEFAULT_STACK_NAME });
  app.synth();
}

run();
