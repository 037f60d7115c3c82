/**
 * The order of 各单位汇总's rows: most red lights first, then most yellow, then most overdue — the
 * units to call first at the top. Its chart of lights by unit (`./units-chart.ts`) relies on it: the
 * units with a red or yellow item come first, so the ones it shows are the sheet's first rows.
 */
interface Ranked {
  readonly summary: {
    readonly byLight: { readonly red: number; readonly yellow: number };
    readonly overdue: number;
  } | null;
}

/** A `sort` comparator; a file without a summary (one that was not read) is left where it is. */
export function byLightsDescending(a: Ranked, b: Ranked): number {
  const sa = a.summary;
  const sb = b.summary;
  if (!sa || !sb) return 0;
  return sb.byLight.red - sa.byLight.red || sb.byLight.yellow - sa.byLight.yellow || sb.overdue - sa.overdue;
}
