import { type services } from 'ask-sdk-model';
import { protocol, type CompressKind } from './protocol';
import { type Words } from './requestContext';
import { isoDuration } from './spokenTime';

/** Alexa's limits on timers (Timers API documentation). */
export const MAX_TIMER_MINUTES = 120;

export function isCompressKind(value: unknown): value is CompressKind {
  return typeof value === 'string' && Object.hasOwn(protocol.compresses, value);
}

/** The label Alexa shows and says for each phase's timer, unique across phases. */
export function phaseLabels(kind: CompressKind, t: Words): string[] {
  return protocol.compresses[kind].phases.map((phase) => t(`compressTimer.labels.${phase.id}`));
}

/**
 * One Timers API request per phase of a compress, all started now: each phase's timer
 * runs to the end of that phase (massage 10 min, then the warm towel at 20 min) and
 * announces what to do next, in the person's locale.
 */
export function compressTimerRequests(kind: CompressKind, locale: string, t: Words): services.timerManagement.TimerRequest[] {
  let elapsed = 0;
  return protocol.compresses[kind].phases.map((phase) => {
    elapsed += phase.minutes;
    if (elapsed > MAX_TIMER_MINUTES) throw new Error(`compress ${kind} runs past Alexa's ${MAX_TIMER_MINUTES}-minute timer limit`);
    return {
      duration: isoDuration(elapsed),
      timerLabel: t(`compressTimer.labels.${phase.id}`),
      creationBehavior: { displayExperience: { visibility: 'VISIBLE' } },
      triggeringBehavior: {
        operation: { type: 'ANNOUNCE', textToAnnounce: [{ locale, text: t(`compressTimer.announcements.${phase.id}`) }] },
        notificationConfig: { playAudible: true },
      },
    };
  });
}

/** Time left on a timer, or undefined for one that is off. */
export function timeLeftMs(timer: services.timerManagement.TimerResponse, now: number): number | undefined {
  if (timer.status === 'PAUSED' && timer.remainingTimeWhenPaused) return durationMs(timer.remainingTimeWhenPaused);
  if (timer.status !== 'ON' || !timer.triggerTime) return undefined;
  return Math.max(0, Date.parse(timer.triggerTime) - now);
}

/** Milliseconds of an ISO 8601 duration such as "PT14M30S". */
export function durationMs(iso: string): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso);
  if (!match) return 0;
  return ((Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 60 + Number(match[3] ?? 0)) * 1000;
}

/**
 * When the next cold compress may start, if the last one ended too recently. One that
 * is still on is not "too soon": the running timer answers that.
 */
export function nextColdCompressAt(lastEndsAt: number | undefined, now: number): number | undefined {
  const gapMinutes = protocol.compresses.cold.minutesBetween;
  if (lastEndsAt === undefined || gapMinutes === undefined || lastEndsAt > now) return undefined;
  const due = lastEndsAt + gapMinutes * 60 * 1000;
  return due > now ? due : undefined;
}
