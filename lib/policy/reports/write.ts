import * as fs from "node:fs";
import * as path from "node:path";
import type { ComplianceReport } from "../types";
import type { ReportContext } from "./common";
import { renderJson } from "./json";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";

export const REPORT_FILES = { json: "report.json", sarif: "report.sarif", junit: "junit.xml", markdown: "summary.md" } as const;

/** Writes every report format into `dir` (created); returns the written paths. */
export function writeReports(dir: string, report: ComplianceReport, context: ReportContext = {}, stackText?: string, configText?: string): Record<keyof typeof REPORT_FILES, string> {
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    json: path.join(dir, REPORT_FILES.json),
    sarif: path.join(dir, REPORT_FILES.sarif),
    junit: path.join(dir, REPORT_FILES.junit),
    markdown: path.join(dir, REPORT_FILES.markdown),
  };
  fs.writeFileSync(files.json, `${renderJson(report, context)}\n`);
  fs.writeFileSync(files.sarif, `${renderSarif(report, context, stackText, configText)}\n`);
  fs.writeFileSync(files.junit, renderJunit(report));
  fs.writeFileSync(files.markdown, `${renderMarkdown(report)}\n`);
  return files;
}
