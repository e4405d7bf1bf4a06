import { type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { type services } from 'ask-sdk-model';
import { classifyApiFailure, statusOf } from '../alexaApi/apiFailure';
import { askPermissionSay, replyToFailure } from '../alexaApi/failureReplies';
import { type PermissionPurpose } from '../alexaApi/permissions';
import { compressTimerRequests, isCompressKind, nextColdCompressAt, phaseLabels, timeLeftMs } from '../compressTimers';
import { describeError } from '../logger';
import { COMPRESS_KINDS, protocol, type CompressKind } from '../protocol';
import { respond } from '../respond';
import { askQuestion, requestContext, type RequestContext } from '../requestContext';
import { elicitSlot, isIntent, resolvedSlotId, slotValue } from '../requestReading';
import { durationMinutes } from '../slotValues';
import { type Say } from '../speech';
import { spokenDuration, spokenList } from '../spokenTime';
import { createColdReminder } from './reminders';

type Timer = services.timerManagement.TimerResponse;

function timersClient(handlerInput: HandlerInput): services.timerManagement.TimerManagementServiceClient {
  const factory = handlerInput.serviceClientFactory;
  if (!factory) throw new Error('no Alexa API client configured');
  return factory.getTimerManagementServiceClient();
}

function askMore(context: RequestContext, parts: string[]): Say {
  const anythingElse = context.t('compressTimer.anythingElse');
  return { parts: [...parts, anythingElse], reprompt: [context.t('compressTimer.anythingElseReprompt')], kind: 'question', cardTitle: context.t('skillName') };
}

/** Timers this skill set that are still running or paused. */
function liveTimers(timers: readonly Timer[], now: number): Timer[] {
  return timers.filter((timer) => timeLeftMs(timer, now) !== undefined);
}

function runningOf(kind: CompressKind, timers: readonly Timer[], context: RequestContext, now: number): Timer | undefined {
  const labels = phaseLabels(kind, context.t);
  return liveTimers(timers, now).find((timer) => labels.includes(timer.timerLabel ?? ''));
}

/** Deletes timers, each retried once; returns those still running. */
async function deleteTimers(client: services.timerManagement.TimerManagementServiceClient, ids: readonly string[]): Promise<string[]> {
  const attempt = async (id: string): Promise<boolean> => {
    try {
      await client.deleteTimer(id);
      return true;
    } catch (error) {
      // Already gone is what we wanted.
      return statusOf(error) === 404;
    }
  };
  const left: string[] = [];
  for (const id of ids) {
    if (!(await attempt(id)) && !(await attempt(id))) left.push(id);
  }
  return left;
}

/**
 * Creates the timers for one compress (one per phase). Checks first that the same compress
 * is not already running (Alexa wants labels unique); if any timer fails, the ones already
 * made are removed (with a retry), and whatever could not be removed is said.
 */
export interface StartOptions {
  readonly justGranted?: boolean;
  /** Words before the placing advice ("a cold compress works best for 15 minutes"). */
  readonly lead?: readonly string[];
  /** The person's timers, when the caller has just listed them. */
  readonly running?: readonly Timer[];
}

/** The person's timers from the Timers API, or the answer to give when they cannot be listed. */
async function listTimers(handlerInput: HandlerInput, purpose: PermissionPurpose, justGranted: boolean): Promise<Timer[] | Say> {
  const context = requestContext(handlerInput);
  try {
    return (await timersClient(handlerInput).getTimers()).timers ?? [];
  } catch (error) {
    context.services.logger.log('warn', 'timers list failed', describeError(error));
    return replyToFailure(context, purpose, classifyApiFailure(error), justGranted);
  }
}

export async function startCompressTimers(handlerInput: HandlerInput, kind: CompressKind, options: StartOptions = {}): Promise<Say> {
  const context = requestContext(handlerInput);
  const justGranted = options.justGranted ?? false;
  const purpose: PermissionPurpose = { action: 'timer', compress: kind };
  const now = context.services.clock.now();
  const client = timersClient(handlerInput);
  const running = options.running ?? (await listTimers(handlerInput, purpose, justGranted));
  if (!Array.isArray(running)) return running as Say;
  const clash = runningOf(kind, running, context, now);
  if (clash) {
    const left = spokenDuration(context.t, timeLeftMs(clash, now) ?? 0);
    return askMore(context, [context.t('compressTimer.alreadyRunning', { label: clash.timerLabel ?? '', left })]);
  }

  const created: { id: string; label: string }[] = [];
  for (const request of compressTimerRequests(kind, context.locale, context.t)) {
    try {
      const timer = await client.createTimer(request);
      if (timer.id) created.push({ id: timer.id, label: request.timerLabel ?? '' });
    } catch (error) {
      context.services.logger.log('warn', 'timer create failed', { status: statusOf(error), ...describeError(error) });
      const left = await deleteTimers(client, created.map((timer) => timer.id));
      if (left.length > 0) {
        const labels = created.filter((timer) => left.includes(timer.id)).map((timer) => timer.label);
        return { ...askMore(context, [context.t('compressTimer.leftRunning', { labels: spokenList(labels, context.locale) })]), kind: 'apology' };
      }
      // Listing just worked, so a 403 here is Alexa's limit of ten timers, not a permission.
      if (statusOf(error) === 403) return askMore(context, [context.t('compressTimer.limit')]);
      return replyToFailure(context, purpose, classifyApiFailure(error), justGranted);
    }
  }
  const phases = protocol.compresses[kind].phases;
  const endsAt = now + phases.reduce((sum, phase) => sum + phase.minutes, 0) * 60 * 1000;
  if (kind === 'cold') context.person.lastColdCompressEndsAt = endsAt;
  if (kind === 'warm') context.person.lastWarmCompressEndsAt = endsAt;
  return {
    parts: [...(options.lead ?? []), context.t(`compressTimer.howTo.${kind}`), context.t(`compressTimer.started.${kind}`, { minutes: phases[0]?.minutes ?? 0 })],
    end: true,
    kind: 'action',
    cardTitle: context.t('skillName'),
    screen: { kind: 'timer', compress: kind, label: context.t(`compressTimer.labels.${phases[0]?.id ?? ''}`), minutes: phases[0]?.minutes ?? 0 },
  };
}

/** The compress whose first phase lasts this many minutes, if exactly one does. */
function compressLasting(minutes: number | undefined): CompressKind | undefined {
  if (minutes === undefined) return undefined;
  const matches = COMPRESS_KINDS.filter((kind) => protocol.compresses[kind].phases[0]?.minutes === minutes);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The guide's order before anything is set: cold first, warm once the pain eases. A warm
 * compress asked for while a cold one runs, or a cold one right after a warm one, gets the
 * order said and a yes/no question; nothing is set until the person says yes.
 */
function outOfOrder(context: RequestContext, kind: CompressKind, timers: readonly Timer[], now: number): Say | undefined {
  if (kind === 'warm') {
    const cold = runningOf('cold', timers, context, now);
    if (!cold) return undefined;
    const left = spokenDuration(context.t, timeLeftMs(cold, now) ?? 0);
    return { parts: [context.t('compressTimer.coldStillRunning', { left })], reprompt: [context.t('compressTimer.orderReprompt')], kind: 'question', cardTitle: context.t('skillName') };
  }
  if (kind === 'cold') {
    const warmRunning = runningOf('warm', timers, context, now) !== undefined;
    const warmEnded = context.person.lastWarmCompressEndsAt;
    const gapMs = (protocol.compresses.cold.minutesBetween ?? 0) * 60 * 1000;
    const warmJustNow = warmEnded !== undefined && warmEnded <= now && now - warmEnded < gapMs;
    if (!warmRunning && !warmJustNow) return undefined;
    return { parts: [context.t('compressTimer.warmAfterWarm')], reprompt: [context.t('compressTimer.orderReprompt')], kind: 'question', cardTitle: context.t('skillName') };
  }
  return undefined;
}

/** "Start a cold compress timer", "time my heat for ten minutes", "start the massage". */
export const startCompressTimer: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'StartCompressTimerIntent'),
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const saidMinutes = durationMinutes(slotValue(handlerInput, 'duration'), context.language);
    const named = resolvedSlotId(handlerInput, 'compress');
    const kind = isCompressKind(named) ? named : compressLasting(saidMinutes);
    if (!kind) {
      return respond(handlerInput, {
        parts: [context.t('compressTimer.whichCompress')],
        reprompt: [context.t('compressTimer.whichCompressReprompt')],
        kind: 'question',
        directives: [elicitSlot(handlerInput, 'compress')],
        cardTitle: context.t('skillName'),
      });
    }
    const minutes = protocol.compresses[kind].phases[0]?.minutes ?? 0;
    const lead = saidMinutes !== undefined && saidMinutes !== minutes
      ? [context.t('compressTimer.notYourMinutes', { compress: context.t(`compressTimer.names.${kind}`), minutes })]
      : [];
    const now = context.services.clock.now();
    const dueAt = kind === 'cold' ? nextColdCompressAt(context.person.lastColdCompressEndsAt, now) : undefined;
    if (dueAt !== undefined) {
      askQuestion(handlerInput, { kind: 'coldReminder', at: dueAt });
      return respond(handlerInput, {
        parts: [context.t('compressTimer.coldTooSoon', { wait: spokenDuration(context.t, dueAt - now) })],
        reprompt: [context.t('compressTimer.coldTooSoonReprompt')],
        kind: 'question',
        cardTitle: context.t('skillName'),
      });
    }
    const running = await listTimers(handlerInput, { action: 'timer', compress: kind }, false);
    if (!Array.isArray(running)) return respond(handlerInput, running as Say);
    const order = outOfOrder(context, kind, running, now);
    if (order) {
      askQuestion(handlerInput, { kind: 'compressAnyway', compress: kind });
      return respond(handlerInput, order);
    }
    return respond(handlerInput, await startCompressTimers(handlerInput, kind, { lead, running }));
  },
};

/** Yes to "start it anyway?" starts the compress the person asked for; no leaves it. */
export const compressAnywayAnswer: RequestHandler = {
  canHandle: (handlerInput) =>
    isIntent(handlerInput, 'AMAZON.YesIntent', 'AMAZON.NoIntent') && requestContext(handlerInput).pending?.kind === 'compressAnyway',
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const pending = context.pending;
    if (isIntent(handlerInput, 'AMAZON.NoIntent') || pending?.kind !== 'compressAnyway' || !isCompressKind(pending.compress)) {
      return respond(handlerInput, askMore(context, [context.t('yesNo.nothingPending')]));
    }
    return respond(handlerInput, await startCompressTimers(handlerInput, pending.compress));
  },
};

/** Yes to "want me to remind you then?" sets a one-off reminder; no leaves it. */
export const coldReminderAnswer: RequestHandler = {
  canHandle: (handlerInput) =>
    isIntent(handlerInput, 'AMAZON.YesIntent', 'AMAZON.NoIntent') && requestContext(handlerInput).pending?.kind === 'coldReminder',
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const pending = context.pending;
    if (isIntent(handlerInput, 'AMAZON.NoIntent') || pending?.kind !== 'coldReminder') {
      return respond(handlerInput, askMore(context, [context.t('yesNo.nothingPending')]));
    }
    return respond(handlerInput, await createColdReminder(handlerInput, pending.at));
  },
};

/** "How long is left on my compress?" answered from the Timers API. */
export const compressTimeLeft: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'TimeLeftIntent'),
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const now = context.services.clock.now();
    let timers: Timer[];
    try {
      timers = (await timersClient(handlerInput).getTimers()).timers ?? [];
    } catch (error) {
      const failure = classifyApiFailure(error);
      // Without permission the skill cannot see any timer, so it must not say there is none.
      if (failure === 'noPermission') return respond(handlerInput, { ...askMore(context, [context.t('compressTimer.cantSeeTimers')]), kind: 'apology' });
      return respond(handlerInput, replyToFailure(context, { action: 'timer', compress: 'cold' }, failure, false));
    }
    const lines = liveTimers(timers, now)
      .map((timer) => ({ label: timer.timerLabel ?? '', left: timeLeftMs(timer, now) ?? 0 }))
      .sort((a, b) => a.left - b.left)
      .map((timer) => context.t('compressTimer.timeLeft', { label: timer.label, left: spokenDuration(context.t, timer.left) }));
    return respond(handlerInput, askMore(context, lines.length > 0 ? lines : [context.t('compressTimer.noTimers')]));
  },
};

/** Cancels every live compress timer; says exactly what was and was not cancelled. */
export async function cancelCompressTimers(handlerInput: HandlerInput, justGranted = false): Promise<Say> {
  const context = requestContext(handlerInput);
  const now = context.services.clock.now();
  const client = timersClient(handlerInput);
  const purpose: PermissionPurpose = { action: 'cancelTimers' };
  let timers: Timer[];
  try {
    timers = liveTimers((await client.getTimers()).timers ?? [], now);
  } catch (error) {
    const failure = classifyApiFailure(error);
    if (failure === 'noPermission' && !justGranted) return askPermissionSay(context, purpose);
    return replyToFailure(context, purpose, failure, justGranted);
  }
  if (timers.length === 0) return askMore(context, [context.t('compressTimer.noTimers')]);
  const left = await deleteTimers(client, timers.map((timer) => timer.id ?? ''));
  const cancelled = timers.filter((timer) => !left.includes(timer.id ?? ''));
  // A cold compress taken off early ended now, which is when the two-hour gap starts.
  const coldLabels = phaseLabels('cold', context.t);
  if (cancelled.some((timer) => coldLabels.includes(timer.timerLabel ?? ''))) context.person.lastColdCompressEndsAt = now;
  if (left.length > 0) {
    return { ...askMore(context, [context.t('compressTimer.cancelPartial', { done: cancelled.length, count: timers.length })]), kind: 'apology' };
  }
  const labels = spokenList(cancelled.map((timer) => timer.timerLabel ?? ''), context.locale);
  return { parts: [context.t('compressTimer.cancelled', { labels, count: cancelled.length })], end: true, kind: 'action', cardTitle: context.t('skillName') };
}

/** "Cancel the compress timer": cancels every timer this skill set for them. */
export const cancelCompressTimer: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'CancelCompressTimerIntent'),
  async handle(handlerInput) {
    return respond(handlerInput, await cancelCompressTimers(handlerInput));
  },
};
