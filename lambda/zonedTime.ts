/** Wall-clock time in an IANA zone <-> epoch milliseconds, using only Intl (no date library). */

/** The local date-time form Alexa reminders carry: "2026-11-25T19:00:00". */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?$/;

function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** "2024-05-01T19:00:00" in "America/New_York" -> epoch ms. Second pass settles DST edges. */
export function localToEpoch(local: string, timeZone: string): number {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(first, timeZone);
}

/** Epoch ms -> "YYYY-MM-DDTHH:mm:ss" wall time in the zone (the form reminders carry). */
export function epochToLocal(epochMs: number, timeZone: string): string {
  return new Date(epochMs + zoneOffsetMs(epochMs, timeZone)).toISOString().slice(0, 19);
}

/** ISO instant without milliseconds, as in the docs' examples ("2021-08-13T10:25:30Z"). */
export function isoInstant(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
