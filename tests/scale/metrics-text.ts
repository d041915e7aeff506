/**
 * Reading `/metrics` with a real Prometheus text-format parser (parse-prometheus-text-format), so
 * the tests check the exposition format as a scraper reads it, not with regexes.
 */
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";

/** Fetches and parses an instance's `/metrics`. */
export async function scrape(base: string): Promise<ParsedFamily[]> {
  const response = await fetch(`${base}/metrics`);
  if (response.status !== 200) throw new Error(`GET ${base}/metrics answered ${response.status}`);
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("text/plain; version=0.0.4")) throw new Error(`Unexpected metrics content type "${type}"`);
  return parsePrometheusTextFormat(await response.text());
}

/** Sum of a counter's or gauge's samples whose labels include `labels`. */
export function total(families: ParsedFamily[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  if (family === undefined) throw new Error(`No metric family "${name}"`);
  return family.metrics
    .filter((m) => Object.entries(labels).every(([key, value]) => m.labels?.[key] === value))
    .reduce((sum, m) => sum + Number(m.value ?? m.count ?? 0), 0);
}
