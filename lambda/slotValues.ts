import { heardClockTime, heardDurationMinutes, type ClockTime, type HeardWords } from './heardTime';
import { languagePack } from './i18n';

export type { ClockTime } from './heardTime';

/**
 * Reads the values of Alexa's built-in slots. Alexa resolves them ("22:00", "PT2H"), but a
 * value can also arrive as the words that were said ("ten pm", "two hours": simulators and
 * some devices do this), so both are read, the words with the language's own
 * (content/<language>/heard.json, lambda/heardTime.ts).
 */
function heardWords(language: string): HeardWords {
  return languagePack(language).heard as HeardWords;
}

/** Minutes of an AMAZON.DURATION value ("PT10M", "PT1H30M", "ten minutes", "2 hours"). */
export function durationMinutes(value: string | undefined, language: string): number | undefined {
  if (value === undefined) return undefined;
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value.trim());
  if (iso && value.trim() !== 'P' && value.trim() !== 'PT') {
    const minutes = Number(iso[1] ?? 0) * 1440 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0) + Number(iso[4] ?? 0) / 60;
    return minutes > 0 ? minutes : undefined;
  }
  return heardDurationMinutes(value, heardWords(language), language);
}

/** A clock time from an AMAZON.TIME value ("22:00") or from words ("ten pm", "half past ten", "11pm"). */
export function clockTimeOf(value: string | undefined, language: string): ClockTime | undefined {
  if (value === undefined) return undefined;
  const resolved = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  if (resolved) return { hour: Number(resolved[1]), minute: Number(resolved[2]) };
  return heardClockTime(value, heardWords(language), language);
}

/**
 * Bedtime as a clock time "HH:MM". An hour said without morning or evening is the evening
 * ("until nine" is 21:00; "twelve" is midnight; one to four are after midnight), so reminders
 * never run through the night.
 */
export function bedtimeOf(value: string | undefined, language: string): string | undefined {
  const time = clockTimeOf(value, language);
  if (!time) return undefined;
  let hour = time.hour;
  if (time.half === undefined) {
    if (hour >= 5 && hour < 12) hour += 12;
    else if (hour === 12) hour = 0;
  }
  return `${String(hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}
