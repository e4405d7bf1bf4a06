import { type Directive, type interfaces } from 'ask-sdk-model';

export const TIMERS_SCOPE = 'alexa::alerts:timers:skill:readwrite';
export const REMINDERS_SCOPE = 'alexa::alerts:reminders:skill:readwrite';
export type PermissionScope = typeof TIMERS_SCOPE | typeof REMINDERS_SCOPE;

/**
 * What the person asked for before Alexa asked their permission; it travels in the
 * AskFor token and comes back in Connections.Response, so the skill can then do
 * exactly that without asking again.
 */
export type PermissionPurpose =
  | { readonly action: 'timer'; readonly compress: string }
  /** Cancel their compress timers: never turns into setting one. */
  | { readonly action: 'cancelTimers' }
  | { readonly action: 'reminders'; readonly bedtime: string }
  | { readonly action: 'coldReminder'; readonly at: number };

export function encodePurpose(purpose: PermissionPurpose): string {
  return JSON.stringify(purpose);
}

export function decodePurpose(token: unknown): PermissionPurpose | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const value = JSON.parse(token) as Record<string, unknown>;
    if (value.action === 'timer' && typeof value.compress === 'string') return { action: 'timer', compress: value.compress };
    if (value.action === 'cancelTimers') return { action: 'cancelTimers' };
    if (value.action === 'reminders' && typeof value.bedtime === 'string') return { action: 'reminders', bedtime: value.bedtime };
    if (value.action === 'coldReminder' && typeof value.at === 'number') return { action: 'coldReminder', at: value.at };
  } catch {
    return undefined;
  }
  return undefined;
}

/** Whether a purpose is about timers (else reminders). */
export function isTimerPurpose(purpose: PermissionPurpose): boolean {
  return purpose.action === 'timer' || purpose.action === 'cancelTimers';
}

export function scopeFor(purpose: PermissionPurpose): PermissionScope {
  return isTimerPurpose(purpose) ? TIMERS_SCOPE : REMINDERS_SCOPE;
}

/** Alexa's voice permission request (Connections.SendRequest, AskFor, version 2). */
export function askForPermission(purpose: PermissionPurpose): Directive {
  const directive: interfaces.connections.SendRequestDirective = {
    type: 'Connections.SendRequest',
    name: 'AskFor',
    payload: {
      '@type': 'AskForPermissionsConsentRequest',
      '@version': '2',
      permissionScopes: [{ permissionScope: scopeFor(purpose), consentLevel: 'ACCOUNT' }],
    },
    token: encodePurpose(purpose),
  };
  return directive;
}
