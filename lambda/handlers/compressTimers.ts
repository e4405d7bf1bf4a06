import { type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import { type services } from 'ask-sdk-model';
import { classifyApiFailure, statusOf } from '../alexaApi/apiFailure';
import { replyToFailure } from '../alexaApi/failureReplies';
import { type PermissionPurpose } from '../alexaApi/permissions';
import { compressTimerRequests, isCompressKind, nextColdCompressAt, phaseLabels, timeLeftMs } from '../compressTimers';
import { describeError } from '../logger';
import { protocol, type CompressKind } from '../protocol';
import { respond } from '../respond';
import { askQuestion, requestContext, type RequestContext } from '../requestContext';
import { elicitSlot, isIntent, resolvedSlotId } from '../requestReading';
import { type Say } from '../speech';
import { spokenDuration, spokenList } from '../spokenTime';
import { createColdReminder } from './reminders';

function timersClient(handlerInput: HandlerInput): services.timerManagement.TimerManagementServiceClient {
  const factory = handlerInput.serviceClientFactory;
  if (!factory) throw new Error('no Alexa API client configured');
  return factory.getTimerManagementServiceClient();
}

function ask(context: RequestContext, parts: string[], reprompt: string[]): Say {
  return { parts, reprompt, cardTitle: context.t('skillName') };
}

/**
 * Creates the timers for one compress (one per phase). Checks first that the same
 * compress is not already running (Alexa wants labels unique); if any timer fails,
 * the ones already made are removed so the person is never left with half a set.
 */
export async function startCompressTimers(handlerInput: HandlerInput, kind: CompressKind, justGranted = false): Promise<Say> {
  const context = requestContext(handlerInput);
  const purpose: PermissionPurpose = { action: 'timer', compress: kind };
  const now = context.services.clock.now();
  const client = timersClient(handlerInput);
  const labels = phaseLabels(kind, context.t);
  let running: services.timerManagement.TimerResponse[];
  try {
    running = (await client.getTimers()).timers ?? [];
  } catch (error) {
    context.services.logger.log('warn', 'timers list failed', describeError(error));
    return replyToFailure(context, purpose, classifyApiFailure(error), justGranted);
  }
  const clash = running.find((timer) => timer.timerLabel !== undefined && labels.includes(timer.timerLabel) && timeLeftMs(timer, now) !== undefined);
  if (clash) {
    const left = spokenDuration(context.t, timeLeftMs(clash, now) ?? 0);
    return ask(context, [context.t('compressTimer.alreadyRunning', { label: clash.timerLabel ?? '', left })], [context.t('compressTimer.anythingElse')]);
  }

  const created: string[] = [];
  for (const request of compressTimerRequests(kind, context.locale, context.t)) {
    try {
      const timer = await client.createTimer(request);
      if (timer.id) created.push(timer.id);
    } catch (error) {
      context.services.logger.log('warn', 'timer create failed', { status: statusOf(error), ...describeError(error) });
      await Promise.allSettled(created.map((id) => client.deleteTimer(id)));
      // Listing just worked, so a 403 here is Alexa's limit of ten timers, not a permission.
      if (statusOf(error) === 403) {
        return ask(context, [context.t('compressTimer.limit')], [context.t('compressTimer.anythingElse')]);
      }
      return replyToFailure(context, purpose, classifyApiFailure(error), justGranted);
    }
  }
  const phases = protocol.compresses[kind].phases;
  if (kind === 'cold') {
    context.person.lastColdCompressEndsAt = now + phases.reduce((sum, phase) => sum + phase.minutes, 0) * 60 * 1000;
  }
  return {
    parts: [context.t(`compressTimer.howTo.${kind}`), context.t(`compressTimer.started.${kind}`, { minutes: phases[0]?.minutes ?? 0 })],
    end: true,
    cardTitle: context.t('skillName'),
  };
}

/** "Start a cold compress timer", "time my heat pack", "start the massage". */
export const startCompressTimer: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'StartCompressTimerIntent'),
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const kind = resolvedSlotId(handlerInput, 'compress');
    if (!isCompressKind(kind)) {
      return respond(handlerInput, {
        ...ask(context, [context.t('compressTimer.whichCompress')], [context.t('compressTimer.whichCompressReprompt')]),
        directives: [elicitSlot(handlerInput, 'compress')],
      });
    }
    const now = context.services.clock.now();
    const dueAt = kind === 'cold' ? nextColdCompressAt(context.person.lastColdCompressEndsAt, now) : undefined;
    if (dueAt !== undefined) {
      askQuestion(handlerInput, { kind: 'coldReminder', at: dueAt });
      return respond(
        handlerInput,
        ask(
          context,
          [context.t('compressTimer.coldTooSoon', { wait: spokenDuration(context.t, dueAt - now) })],
          [context.t('compressTimer.coldTooSoonReprompt')],
        ),
      );
    }
    return respond(handlerInput, await startCompressTimers(handlerInput, kind));
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
      return respond(handlerInput, ask(context, [context.t('yesNo.nothingPending'), context.t('compressTimer.anythingElse')], [context.t('compressTimer.anythingElse')]));
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
    let timers: services.timerManagement.TimerResponse[];
    try {
      timers = (await timersClient(handlerInput).getTimers()).timers ?? [];
    } catch (error) {
      const failure = classifyApiFailure(error);
      // Without the timers permission the skill cannot have set any timer.
      if (failure !== 'noPermission') {
        return respond(handlerInput, replyToFailure(context, { action: 'timer', compress: 'cold' }, failure, false));
      }
      timers = [];
    }
    const lines = timers
      .map((timer) => ({ label: timer.timerLabel ?? '', left: timeLeftMs(timer, now) }))
      .filter((timer): timer is { label: string; left: number } => timer.left !== undefined)
      .sort((a, b) => a.left - b.left)
      .map((timer) => context.t('compressTimer.timeLeft', { label: timer.label, left: spokenDuration(context.t, timer.left) }));
    const parts = lines.length > 0 ? lines : [context.t('compressTimer.noTimers')];
    return respond(handlerInput, ask(context, [...parts, context.t('compressTimer.anythingElse')], [context.t('compressTimer.anythingElse')]));
  },
};

/** "Cancel the compress timer": cancels every timer this skill set for them. */
export const cancelCompressTimer: RequestHandler = {
  canHandle: (handlerInput) => isIntent(handlerInput, 'CancelCompressTimerIntent'),
  async handle(handlerInput) {
    const context = requestContext(handlerInput);
    const now = context.services.clock.now();
    const client = timersClient(handlerInput);
    const purpose: PermissionPurpose = { action: 'timer', compress: 'cold' };
    let timers: services.timerManagement.TimerResponse[];
    try {
      timers = ((await client.getTimers()).timers ?? []).filter((timer) => timeLeftMs(timer, now) !== undefined);
    } catch (error) {
      const failure = classifyApiFailure(error);
      if (failure !== 'noPermission') return respond(handlerInput, replyToFailure(context, purpose, failure, false));
      timers = [];
    }
    if (timers.length === 0) {
      return respond(handlerInput, ask(context, [context.t('compressTimer.noTimers')], [context.t('compressTimer.anythingElse')]));
    }
    try {
      await Promise.all(timers.map((timer) => client.deleteTimer(timer.id ?? '')));
    } catch (error) {
      return respond(handlerInput, replyToFailure(context, purpose, classifyApiFailure(error), false));
    }
    // A cold compress taken off early ended now, which is when the two-hour gap starts.
    const coldLabels = phaseLabels('cold', context.t);
    if (timers.some((timer) => coldLabels.includes(timer.timerLabel ?? ''))) context.person.lastColdCompressEndsAt = now;
    const labels = spokenList(timers.map((timer) => timer.timerLabel ?? ''), context.locale);
    return respond(handlerInput, { parts: [context.t('compressTimer.cancelled', { labels })], end: true, cardTitle: context.t('skillName') });
  },
};
