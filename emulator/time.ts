/**
 * The emulator's own time code. It stands for Alexa's side, so it must not share the skill's
 * (lambda/zonedTime.ts, lambda/clock.ts): a bug there would otherwise be agreed by both sides
 * and no test could see it. It reads zone offsets from Intl's "longOffset" time-zone names,
 * a different route from the skill's field-by-field formatting.
 */

/** Where the emulator reads the time; tests pass one they move by hand. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A local date-time as reminders carry it, without a zone: "2026-11-25T19:00:00" (optional .SSS). */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?$/;

const HOUR_MS = 60 * 60 * 1000;
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms, read from a name such as "GMT-05:00". */
export function zoneOffsetAt(epochMs: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(new Date(epochMs)).find((part) => part.type === 'timeZoneName')?.value ?? '';
  if (name === 'GMT') return 0;
  const match = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  if (!match) throw new RangeError(`cannot read the offset of ${timeZone} from "${name}"`);
  const [, sign, hours, minutes, seconds] = match;
  const ms = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds ?? 0)) * 1000;
  return sign === '-' ? -ms : ms;
}

function wallClockOf(epochMs: number, timeZone: string): string {
  return new Date(epochMs + zoneOffsetAt(epochMs, timeZone)).toISOString().slice(0, 19);
}

/**
 * "2026-11-25T19:00:00" in a zone -> epoch ms. The offsets in force half a day either side are
 * the only candidates; the earlier instant that reads back as the same wall time wins (a time
 * repeated when clocks go back is its first occurrence). A wall time skipped when clocks go
 * forward is read with the offset from before the change, as calendar apps do.
 */
export function localToEpoch(local: string, timeZone: string): number {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) throw new RangeError(`not a local date-time: ${local}`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = asUtc - zoneOffsetAt(asUtc - 12 * HOUR_MS, timeZone);
  const after = asUtc - zoneOffsetAt(asUtc + 12 * HOUR_MS, timeZone);
  const wall = local.slice(0, 19);
  const candidates = [Math.min(before, after), Math.max(before, after)].filter((at) => wallClockOf(at, timeZone) === wall);
  return candidates[0] ?? before;
}

/** An instant as the APIs report it: ISO-8601 in UTC, whole seconds ("2026-11-25T15:00:00Z"). */
export function isoInstant(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
