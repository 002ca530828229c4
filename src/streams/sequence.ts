/**
 * Stream sequence numbers: one process-wide hybrid logical clock, in microseconds since the epoch.
 *
 * Each value is max(previous + 1, now in µs). Transactions run one at a time (see
 * storage/sequencer.ts), so values handed out inside transactions increase in commit order, and a
 * stream's visible records are always a prefix of its log in sequence order — a reader positioned
 * after sequence P never misses a later-committed record below P. Values taken by a transaction
 * that then fails leave gaps, which DynamoDB's sequence numbers have too.
 *
 * Deriving the value from wall time keeps numbers increasing across restarts (the clock is also
 * advanced past every stored number at start-up, see maintenance.ts) and lets retention compare a
 * record's number with a cut-off time without reading the record.
 */

/** Sequence numbers on the wire are zero-padded decimal strings of this width (as DynamoDB's). */
export const SEQUENCE_DIGITS = 21;

let last = 0;

/**
 * Clocks injected into running servers (ServerConfig.clock). A test that moves its clock ahead
 * must see records written afterwards stamped with the moved time, or retention would trim them
 * at once; the sequence clock therefore runs at the latest of the wall clock and these.
 */
const clocks = new Set<() => number>();

/** Lets `clock` drive the sequence clock; returns the function that stops it. */
export function registerClock(clock: () => number): () => void {
  clocks.add(clock);
  return () => void clocks.delete(clock);
}

export function nextSequence(): number {
  let ms = Date.now();
  for (const clock of clocks) ms = Math.max(ms, clock());
  const now = Math.floor(ms) * 1000;
  last = now > last ? now : last + 1;
  return last;
}

/** The epoch ms a sequence number was taken at (approximately: within the same millisecond). */
export const sequenceTime = (seq: number): number => Math.floor(seq / 1000);

/** Makes every later sequence number greater than `seq` (a number found in storage). */
export function observeSequence(seq: number): void {
  if (seq > last) last = seq;
}

/** The sequence number below which records were written before `epochMs`. */
export const sequenceAt = (epochMs: number): number => Math.max(0, Math.floor(epochMs)) * 1000;

export function formatSequence(seq: number): string {
  return String(seq).padStart(SEQUENCE_DIGITS, '0');
}

/**
 * A client's sequence number, or undefined when it is not a decimal string. Values too large to
 * be one of ours come back as Number.MAX_SAFE_INTEGER, which lies beyond every record.
 */
export function parseSequence(text: string): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const digits = text.replace(/^0+/, '');
  if (digits.length > 16) return Number.MAX_SAFE_INTEGER;
  const n = Number(digits);
  return n > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : n;
}
