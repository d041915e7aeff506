/**
 * Lines in the reference client's logging format:
 * `%(asctime)s - %(threadName)s - %(levelname)s - %(message)s`, asctime as `2024-05-01 12:00:01,532` (local time).
 */
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Python logging's default asctime for `date`. */
export function pythonAsctime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())},${pad(date.getMilliseconds(), 3)}`;
}

/** Formats one log record. */
export function pythonLogLine(threadName: string, level: "INFO" | "WARNING" | "ERROR" | "DEBUG", message: string, date = new Date()): string {
  return `${pythonAsctime(date)} - ${threadName} - ${level} - ${message}`;
}

/** printf-style %.Nf as Python prints it (NaN/Infinity as nan/inf). */
export function fixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return x.toFixed(digits);
}
