import { hourCycleOf, type SupportedLocale } from './locales';
import { type Words } from './requestContext';

const MINUTE_MS = 60 * 1000;

/** "1 hour and 20 minutes", rounded up to the minute so a wait is never said short. */
export function spokenDuration(t: Words, ms: number): string {
  if (ms < MINUTE_MS) return t('time.underAMinute');
  const totalMinutes = Math.ceil(ms / MINUTE_MS);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return t('time.minutes', { count: minutes });
  if (minutes === 0) return t('time.hours', { count: hours });
  return t('time.hoursAndMinutes', { hours: t('time.hours', { count: hours }), minutes: t('time.minutes', { count: minutes }) });
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A clock time in the person's time zone, the way their locale says it, from the words
 * time.clock / time.clockOnTheHour ("5 PM", "5:30 PM"; "17:30" where 24-hour is usual).
 * The hour cycle comes from the locale registry, never from Intl's guess ("0:27 pm").
 */
export function spokenClockTime(epochMs: number, timeZone: string, locale: SupportedLocale, t: Words): string {
  const hourCycle = hourCycleOf(locale);
  const key = `${locale}|${timeZone}`;
  let format = clockFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hourCycle, timeZone });
    clockFormats.set(key, format);
  }
  const parts = format.formatToParts(epochMs);
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  const hour = String(Number(get('hour')));
  const minute = get('minute');
  const period = hourCycle === 'h12' ? t(get('dayPeriod').toUpperCase().startsWith('P') ? 'time.pm' : 'time.am', { context: partOfDay(epochMs, timeZone) }) : '';
  return t(minute === '00' ? 'time.clockOnTheHour' : 'time.clock', { hour, minute, period });
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The part of the day a time falls in, as the i18next context of time.am / time.pm: a
 * language that names the part of the day instead of AM / PM ("रात 10 बजे", 10 PM "at
 * night") gives time.pm_night and its kin; one that does not falls back to time.am / time.pm.
 */
export function partOfDay(epochMs: number, timeZone: string): 'night' | 'morning' | 'afternoon' | 'evening' {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23', timeZone });
    hourFormats.set(timeZone, format);
  }
  const hour = Number(format.formatToParts(epochMs).find((part) => part.type === 'hour')?.value ?? 0);
  return partOfDayAt(hour);
}

/** Night 20:00-03:59, morning 04:00-11:59, afternoon 12:00-15:59, evening 16:00-19:59. */
export function partOfDayAt(hour24: number): 'night' | 'morning' | 'afternoon' | 'evening' {
  if (hour24 < 4 || hour24 >= 20) return 'night';
  if (hour24 < 12) return 'morning';
  return hour24 < 16 ? 'afternoon' : 'evening';
}

/** "5:00 PM, 7:00 PM and 9:00 PM" in the locale's own list style. */
export function spokenList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** ISO 8601 duration for the Timers API: 15 -> "PT15M", 90 -> "PT1H30M". */
export function isoDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours > 0 ? `${hours}H` : ''}${rest > 0 || hours === 0 ? `${rest}M` : ''}`;
}
