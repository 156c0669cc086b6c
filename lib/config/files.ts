// Files a config points at (CA bundles) are checked before they are read: a directory, a missing file or an
// unreadable one is a config problem with a path, never an EISDIR stack trace.
import * as fs from "node:fs";

/** Why `file` cannot be read as a text file, or undefined when it can. `shown` is how the config wrote it. */
export function unreadableFileReason(file: string, shown: string = file): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return `file ${JSON.stringify(shown)} does not exist; give a path relative to the config file`;
    return `file ${JSON.stringify(shown)} cannot be read (${code ?? String(err)}); check the path and its permissions`;
  }
  if (stat.isDirectory()) return `${JSON.stringify(shown)} is a directory, not a file; name the PEM file inside it (e.g. ${JSON.stringify(`${shown.replace(/\/+$/, "")}/ca.pem`)})`;
  if (!stat.isFile()) return `${JSON.stringify(shown)} is not a regular file; give the path of a PEM file`;
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    return `file ${JSON.stringify(shown)} cannot be read (permission denied); check its permissions`;
  }
  return undefined;
}
