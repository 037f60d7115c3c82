/**
 * Date serials for the double (its `functions.date` and the `text` of date cells): Excel's 1900
 * system, with its fictitious 1900-02-29 (serial 60), and the 1904 system.
 */
const MS_PER_DAY = 86_400_000;

export function serialFromYmd(year: number, month: number, day: number, date1904: boolean): number {
  const utc = Date.UTC(year, month - 1, day);
  if (date1904) return Math.round((utc - Date.UTC(1904, 0, 1)) / MS_PER_DAY);
  const serial = Math.round((utc - Date.UTC(1899, 11, 31)) / MS_PER_DAY);
  return serial >= 60 ? serial + 1 : serial;
}

export function ymdFromSerial(serial: number, date1904: boolean): { year: number; month: number; day: number } {
  const whole = Math.floor(serial);
  let utc: number;
  if (date1904) utc = Date.UTC(1904, 0, 1) + whole * MS_PER_DAY;
  else if (whole === 60) return { year: 1900, month: 2, day: 29 };
  else utc = Date.UTC(1899, 11, 31) + (whole > 60 ? whole - 1 : whole) * MS_PER_DAY;
  const d = new Date(utc);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const DATE_FORMAT = /(^|[^"\\])[ymd]/i;

/** What Excel would display, closely enough for tests: dates by their format's y/m/d, numbers and text as they are. */
export function displayText(value: string | number | boolean | null, numberFormat: string, date1904: boolean): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (DATE_FORMAT.test(numberFormat) && numberFormat !== "General") {
    const { year, month, day } = ymdFromSerial(value, date1904);
    const pad = (n: number): string => String(n).padStart(2, "0");
    return numberFormat
      .replace(/\[[^\]]*\]/g, "")
      .replace(/"([^"]*)"/g, "$1")
      .replace(/\\(.)/g, "$1")
      .replace(/yyyy/gi, String(year))
      .replace(/mm/g, pad(month))
      .replace(/dd/gi, pad(day))
      .replace(/m/g, String(month))
      .replace(/d/gi, String(day));
  }
  if (numberFormat.endsWith("%"))
    return `${(value * 100).toFixed((numberFormat.split(".")[1] ?? "").length - 1 < 0 ? 0 : (numberFormat.split(".")[1] ?? "%").length - 1)}%`;
  return String(value);
}
