/**
 * Reading `/metrics` with the official Prometheus Python client's text-format parser
 * (`prometheus_client.parser`, Debian's python3-prometheus-client), so the tests check the
 * exposition as a scraper reads it, not with regexes. (The npm parsers we tried merge the label
 * sets of a labelled histogram into one.)
 */
import { spawnSync } from "node:child_process";

/** Debian's interpreter, which has the Debian module (a pyenv or venv python3 on PATH may not). */
export const PYTHON = "/usr/bin/python3";

const PARSER = `
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
print(json.dumps(out))
`;

/** One parsed sample: histograms give `<name>_bucket` (with `le`), `<name>_count` and `<name>_sum`. */
export interface Sample {
  family: string;
  type: string;
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The skip reason when the parser is missing (under CI=true: false, so the test fails instead). */
export function skipUnlessParser(): false | string {
  const probe = spawnSync(PYTHON, ["-c", "import prometheus_client.parser"], { stdio: "ignore" });
  if (probe.status === 0 || process.env.CI === "true") return false;
  return "needs the Prometheus text-format parser (apt-get install python3-prometheus-client; .ci/run installs it)";
}

/**
 * Parses exposition text.
 *
 * @throws {Error} With the parser's message when the text is not valid exposition format.
 */
export function parseExposition(text: string): Sample[] {
  const result = spawnSync(PYTHON, ["-c", PARSER], { input: text, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`Prometheus parser rejected the metrics: ${result.stderr || result.error?.message}`);
  return JSON.parse(result.stdout) as Sample[];
}

/** Fetches and parses an instance's `/metrics`. */
export async function scrape(base: string): Promise<Sample[]> {
  const response = await fetch(`${base}/metrics`);
  if (response.status !== 200) throw new Error(`GET ${base}/metrics answered ${response.status}`);
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("text/plain; version=0.0.4")) throw new Error(`Unexpected metrics content type "${type}"`);
  return parseExposition(await response.text());
}

/** Sum of the samples called `name` whose labels include `labels`. */
export function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const matching = samples.filter((s) => s.name === name);
  if (matching.length === 0 && !samples.some((s) => s.family === name.replace(/_total$|_bucket$|_count$|_sum$/, ""))) {
    throw new Error(`No metric "${name}"`);
  }
  return matching
    .filter((s) => Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}
