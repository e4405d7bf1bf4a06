import { protocol } from '../protocol';
import { type RequestContext } from '../requestContext';
import { type Say } from '../speech';
import { type ApiFailure } from './apiFailure';
import { askForPermission, isTimerPurpose, scopeFor, type PermissionPurpose } from './permissions';

/** The manual way to get the same thing from Alexa, for when the skill cannot. */
export function manualAlternative(context: RequestContext, purpose: PermissionPurpose): string {
  if (purpose.action === 'cancelTimers') return context.t('permissions.manualCancel');
  if (purpose.action !== 'timer') return context.t('permissions.manualReminder');
  const compress = protocol.compresses[purpose.compress as keyof typeof protocol.compresses];
  return context.t('permissions.manualTimer', { minutes: compress?.phases[0]?.minutes ?? 0 });
}

/** Asks Alexa to ask the person for permission by voice; Alexa calls back with the answer. */
export function askPermissionSay(context: RequestContext, purpose: PermissionPurpose): Say {
  return {
    parts: [context.t(isTimerPurpose(purpose) ? 'permissions.askTimers' : 'permissions.askReminders')],
    directives: [askForPermission(purpose)],
    alexaContinues: true,
    cardTitle: context.t('skillName'),
  };
}

/** They said no (or nothing): how to turn it on later, the card, and the manual way now. */
export function permissionDeclinedSay(context: RequestContext, purpose: PermissionPurpose): Say {
  return {
    parts: [
      context.t(isTimerPurpose(purpose) ? 'permissions.timersDeclined' : 'permissions.remindersDeclined'),
      manualAlternative(context, purpose),
    ],
    kind: 'apology',
    permissionsCard: [scopeFor(purpose)],
    reprompt: [context.t('compressTimer.anythingElse')],
    cardTitle: context.t('skillName'),
  };
}

/** Any other API failure: what happened, and a way forward. */
export function apiFailureSay(context: RequestContext, purpose: PermissionPurpose, failure: Exclude<ApiFailure, 'noPermission'>): Say {
  const api = isTimerPurpose(purpose) ? 'timers' : 'reminders';
  return {
    parts: [context.t(`apiFailure.${api}.${failure}`), manualAlternative(context, purpose)],
    kind: 'apology',
    reprompt: [context.t('compressTimer.anythingElse')],
    cardTitle: context.t('skillName'),
  };
}

/**
 * The reply for a failed call: no permission leads to Alexa's voice permission
 * request, unless the person has just granted it (then asking again would loop).
 */
export function replyToFailure(
  context: RequestContext,
  purpose: PermissionPurpose,
  failure: ApiFailure,
  justGranted: boolean,
): Say {
  if (failure === 'noPermission') {
    return justGranted ? permissionDeclinedSay(context, purpose) : askPermissionSay(context, purpose);
  }
  return apiFailureSay(context, purpose, failure);
}
