/** Shared helpers: real SDK clients pointed at the emulator, and a raw-HTTP escape hatch. */

import http from 'http';
import { DefaultApiClient } from 'ask-sdk-core';
import { services } from 'ask-sdk-model';
import type { AlexaApiEmulator } from '../../emulator';

export const TIMERS = 'alexa::alerts:timers:skill:readwrite' as const;
export const REMINDERS = 'alexa::alerts:reminders:skill:readwrite' as const;

/** Exactly what ask-sdk-core builds from context.System.apiEndpoint / apiAccessToken. */
export function sdkClients(emu: AlexaApiEmulator, token: string) {
  const factory = new services.ServiceClientFactory({ apiClient: new DefaultApiClient(), apiEndpoint: emu.url, authorizationValue: token });
  return {
    timers: factory.getTimerManagementServiceClient(),
    reminders: factory.getReminderManagementServiceClient(),
    ups: factory.getUpsServiceClient(),
  };
}

export interface ServiceFailure {
  name: string;
  statusCode?: number;
  response?: { code?: string; message?: string };
  message: string;
}

/** Awaits a call that must fail and hands back the SDK's ServiceError for assertions. */
export async function failureOf(call: Promise<unknown>): Promise<ServiceFailure> {
  try {
    await call;
  } catch (err) {
    return err as ServiceFailure;
  }
  throw new Error('expected the call to fail');
}

export function announceTimer(duration: string, timerLabel?: string, text = 'Time to take the cold pack off.'): services.timerManagement.TimerRequest {
  return {
    duration,
    ...(timerLabel !== undefined && { timerLabel }),
    creationBehavior: { displayExperience: { visibility: 'VISIBLE' } },
    triggeringBehavior: {
      operation: { type: 'ANNOUNCE', textToAnnounce: [{ locale: 'en-US', text }] },
      notificationConfig: { playAudible: true },
    },
  };
}

export function reminderAt(scheduledTime: string, timeZoneId?: string, text = 'Time for your next cold compress.'): services.reminderManagement.ReminderRequest {
  return {
    requestTime: '2025-01-15T09:00:00.000',
    trigger: { type: 'SCHEDULED_ABSOLUTE', scheduledTime, ...(timeZoneId && { timeZoneId }) },
    alertInfo: { spokenInfo: { content: [{ locale: 'en-US', text }] } },
    pushNotification: { status: 'ENABLED' },
  };
}

/** For bodies the SDK's types would never let us send (malformed JSON, misspelt fields). */
export function rawRequest(emu: AlexaApiEmulator, method: string, path: string, token: string | undefined, body?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${emu.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
