/**
 * A bounded memo for the value parsers. A ledger repeats the same few status, type, closed and date
 * texts thousands of times (`已完成`, `限期整改`, `2025年6月底前`), so parsing each distinct text once
 * turns most of a 100,000-row read into map lookups. The readings are immutable, so one object can
 * serve every cell with that text.
 *
 * Bounded so a ledger of unique texts (or a long-running task pane) cannot grow it without limit:
 * when full it simply starts over, which costs a re-parse, never a wrong answer.
 */
export class Memo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(
    private readonly compute: (key: K) => V,
    private readonly maxEntries = 4096,
  ) {}

  get(key: K): V {
    const known = this.map.get(key);
    if (known !== undefined || this.map.has(key)) return known as V;
    const value = this.compute(key);
    if (this.map.size >= this.maxEntries) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
