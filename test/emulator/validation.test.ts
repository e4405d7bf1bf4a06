import { startAlexaApiEmulator, validateReminderRequest, validateTimerRequest, type AlexaApiEmulator } from '../../emulator';
import { announceTimer, rawRequest, REMINDERS, reminderAt, sdkClients, TIMERS } from './support';

describe('validateTimerRequest', () => {
  test('accepts the documented ANNOUNCE, NOTIFY_ONLY and LAUNCH_TASK shapes', () => {
    expect(validateTimerRequest(announceTimer('PT15M', 'cold compress'))).toEqual([]);
    expect(validateTimerRequest({ ...announceTimer('PT1H30M'), triggeringBehavior: { operation: { type: 'NOTIFY_ONLY' }, notificationConfig: { playAudible: true } } })).toEqual([]);
    expect(validateTimerRequest({
      ...announceTimer('PT10M'),
      triggeringBehavior: {
        operation: { type: 'LAUNCH_TASK', textToConfirm: [{ locale: 'en-US', text: 'Timer done. Would you like to %s?' }], task: { name: 'CompressDone', version: '1', input: {} } },
        notificationConfig: { playAudible: false },
      },
    })).toEqual([]);
  });

  test('names each problem', () => {
    expect(validateTimerRequest({ label: 'x', duration: '15 minutes', creationBehavior: {}, triggeringBehavior: { operation: { type: 'ANNOUNCE', textToAnnounce: [] } } })).toEqual([
      'unknown field "label"',
      'duration "15 minutes" is not an ISO-8601 duration',
      'creationBehavior.displayExperience.visibility must be VISIBLE or HIDDEN',
      'triggeringBehavior.operation.textToAnnounce must be a non-empty array',
      'triggeringBehavior.notificationConfig.playAudible must be a boolean',
    ]);
    expect(validateTimerRequest({ ...announceTimer('PT5M'), timerLabel: 'x'.repeat(257) })).toEqual(['timerLabel must be at most 256 characters']);
    expect(validateTimerRequest([])).toEqual(['body must be a JSON object']);
  });
});

describe('validateReminderRequest', () => {
  test('accepts absolute, relative (number or string offset) and recurring reminders', () => {
    expect(validateReminderRequest(reminderAt('2025-01-15T19:00:00.000', 'America/New_York'))).toEqual([]);
    expect(validateReminderRequest({ ...reminderAt(''), trigger: { type: 'SCHEDULED_RELATIVE', offsetInSeconds: '7200' } })).toEqual([]);
    expect(validateReminderRequest({ ...reminderAt('2025-01-15T19:00:00'), trigger: { type: 'SCHEDULED_ABSOLUTE', scheduledTime: '2025-01-15T19:00:00', recurrence: { freq: 'WEEKLY', byDay: ['MO', 'TH'] } } })).toEqual([]);
  });

  test('names each problem', () => {
    expect(validateReminderRequest({
      trigger: { type: 'SCHEDULED_ABSOLUTE', scheduledTime: '2025-01-15T19:00:00Z', timeZoneId: 'Nowhere/Land' },
      alertInfo: { spokenInfo: { content: [{ locale: 'en-US' }] } },
      pushNotification: { status: 'ON' },
    })).toEqual([
      'requestTime is required (ISO-8601 date-time)',
      'trigger.scheduledTime must be a local time YYYY-MM-DDTHH:mm:ss',
      'trigger.timeZoneId must be an IANA time zone',
      'alertInfo.spokenInfo.content[0] needs text or ssml',
      'pushNotification.status must be ENABLED or DISABLED',
    ]);
  });
});

describe('over HTTP', () => {
  let emu: AlexaApiEmulator;
  let token: string;
  beforeEach(async () => {
    emu = await startAlexaApiEmulator();
    emu.grant('u', TIMERS);
    emu.grant('u', REMINDERS);
    token = emu.tokenFor('u');
  });
  afterEach(() => emu.close());

  test('malformed JSON is 400 with a {code, message} body', async () => {
    const res = await rawRequest(emu, 'POST', '/v1/alerts/timers', token, '{"duration": "PT15M"');
    expect(res).toEqual({ status: 400, body: { code: 'BAD_REQUEST', message: 'body is not valid JSON' } });
    expect(emu.requests[0]?.validationErrors).toEqual(['body is not valid JSON']);
  });

  test('a misspelt field is 400 and nothing is created', async () => {
    const { timerLabel, ...rest } = announceTimer('PT15M', 'cold');
    const res = await rawRequest(emu, 'POST', '/v1/alerts/timers', token, JSON.stringify({ ...rest, label: timerLabel }));
    expect(res).toEqual({ status: 400, body: { code: 'BAD_REQUEST', message: 'unknown field "label"' } });
    expect(emu.activeTimers('u')).toEqual([]);
  });

  test('a reminder without alertInfo is 400; shape errors are recorded even when auth fails', async () => {
    const noInfo: Record<string, unknown> = { ...reminderAt('2025-01-16T08:00:00') };
    delete noInfo.alertInfo;
    expect((await rawRequest(emu, 'POST', '/v1/alerts/reminders', token, JSON.stringify(noInfo))).status).toBe(400);
    expect((await rawRequest(emu, 'POST', '/v1/alerts/reminders', undefined, JSON.stringify(noInfo))).status).toBe(401);
    expect(emu.requests.map((r) => r.validationErrors)).toEqual([
      ['alertInfo.spokenInfo.content must be a non-empty array'],
      ['alertInfo.spokenInfo.content must be a non-empty array'],
    ]);
  });

  test('unknown paths are 404', async () => {
    expect(await rawRequest(emu, 'GET', '/v1/alerts/alarms', token)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await rawRequest(emu, 'PATCH', '/v1/alerts/timers', token)).status).toBe(404);
  });

  test('everything the real SDK clients send matches the documented shapes', async () => {
    const { timers, reminders } = sdkClients(emu, token);
    await timers.createTimer(announceTimer('PT15M', 'cold compress'));
    await reminders.createReminder(reminderAt('2030-01-01T08:00:00', 'Europe/Berlin'));
    await timers.getTimers();
    expect(emu.requests).toHaveLength(3);
    expect(emu.requests.every((r) => r.validationErrors.length === 0)).toBe(true);
  });
});
