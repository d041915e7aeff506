// Types for parse-prometheus-text-format (a JavaScript port of Prometheus's own text-format parser; it ships none).
declare module "parse-prometheus-text-format" {
  /** One sample of a family (histograms: buckets, count, sum). */
  export interface ParsedMetric {
    value?: string;
    labels?: Record<string, string>;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }
  /** One metric family. */
  export interface ParsedFamily {
    name: string;
    help: string;
    type: "COUNTER" | "GAUGE" | "HISTOGRAM" | "SUMMARY" | "UNTYPED";
    metrics: ParsedMetric[];
  }
  /** Parses exposition text; throws on malformed input. */
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
