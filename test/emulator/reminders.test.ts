import { startAlexaApiEmulator, TestClock, type AlexaApiEmulator } from '../../emulator';
import { failureOf, REMINDERS, reminderAt, sdkClients } from './support';

const START = Date.UTC(2025, 0, 15, 17, 0, 0); // 12:00 in New York, 09:00 in Los Angeles
const USER = 'amzn1.ask.account.BO';
let clock: TestClock;
let emu: AlexaApiEmulator;
let client: ReturnType<typeof sdkClients>['reminders'];

beforeEach(async () => {
  clock = new TestClock(START);
  emu = await startAlexaApiEmulator({ clock });
  emu.grant(USER, REMINDERS);
  client = sdkClients(emu, emu.tokenFor(USER)).reminders;
});
afterEach(() => emu.close());

test('createReminder answers 201 with the documented reminder response', async () => {
  const created = await client.callCreateReminder(reminderAt('2025-01-15T14:00:00', 'America/New_York'));
  expect(created.statusCode).toBe(201);
  expect(created.body).toEqual({
    alertToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
    createdTime: '2025-01-15T17:00:00Z',
    updatedTime: '2025-01-15T17:00:00Z',
    status: 'ON',
    version: '1',
    href: `${emu.url}/v1/alerts/reminders/${(created.body as { alertToken: string }).alertToken}`,
  });
  expect(emu.requests[0]).toMatchObject({ method: 'POST', path: '/v1/alerts/reminders', status: 201, validationErrors: [] });
});

test('getReminder / getReminders / deleteReminder', async () => {
  const { alertToken = '' } = await client.createReminder(reminderAt('2025-01-15T14:00:00', 'America/New_York'));
  await client.createReminder(reminderAt('2025-01-16T08:00:00'));
  expect(await client.getReminder(alertToken)).toMatchObject({
    alertToken, status: 'ON', version: '1',
    trigger: { type: 'SCHEDULED_ABSOLUTE', scheduledTime: '2025-01-15T14:00:00', timeZoneId: 'America/New_York' },
    alertInfo: { spokenInfo: { content: [{ locale: 'en-US', text: 'Time for your next cold compress.' }] } },
    pushNotification: { status: 'ENABLED' },
  });
  const all = await client.getReminders();
  expect(all.totalCount).toBe('2');
  expect(all.alerts).toHaveLength(2);
  await client.deleteReminder(alertToken);
  expect(await failureOf(client.getReminder(alertToken))).toMatchObject({ statusCode: 404, response: { code: 'NOT_FOUND' } });
  expect(await failureOf(client.deleteReminder('no-such-token'))).toMatchObject({ statusCode: 404 });
  expect(emu.reminders(USER)).toHaveLength(1);
});

test('a scheduled time already past in its zone is 400; the same wall time ahead in another zone is fine', async () => {
  // 11:00 in New York has passed (it is 12:00 there) but 11:00 in Los Angeles is two hours away.
  expect(await failureOf(client.createReminder(reminderAt('2025-01-15T11:00:00', 'America/New_York')))).toMatchObject({ statusCode: 400, response: { code: 'BAD_REQUEST' } });
  await client.createReminder(reminderAt('2025-01-15T11:00:00', 'America/Los_Angeles'));
  expect(emu.reminders(USER).map((r) => r.nextAt)).toEqual([Date.UTC(2025, 0, 15, 19, 0, 0)]);
});

test('without the reminders grant the API answers 401', async () => {
  emu.revoke(USER, REMINDERS);
  expect(await failureOf(client.createReminder(reminderAt('2025-01-16T08:00:00')))).toMatchObject({ name: 'ServiceError', statusCode: 401 });
  expect(await failureOf(client.getReminders())).toMatchObject({ statusCode: 401, message: expect.stringContaining('UserAuthenticationException') });
});

test('a relative reminder rings once after its offset and is then COMPLETED', async () => {
  const { alertToken = '' } = await client.createReminder({ ...reminderAt(''), trigger: { type: 'SCHEDULED_RELATIVE', offsetInSeconds: 7200 } });
  clock.advance(7200_000 - 1);
  expect(emu.fireDue()).toEqual([]);
  clock.advance(1);
  expect(emu.fireDue()).toEqual([{ kind: 'reminder', userId: USER, timerId: alertToken, label: '', locale: 'en-US', text: 'Time for your next cold compress.', at: START + 7200_000 }]);
  expect(await client.getReminder(alertToken)).toMatchObject({ status: 'COMPLETED' });
  clock.advance(86_400_000);
  expect(emu.fireDue()).toEqual([]);
});

test('an hourly recurrence rings every two hours until its end time', async () => {
  await client.createReminder({
    ...reminderAt(''),
    trigger: {
      type: 'SCHEDULED_ABSOLUTE', timeZoneId: 'America/Los_Angeles',
      recurrence: { startDateTime: '2025-01-15T10:00:00', endDateTime: '2025-01-15T14:00:00', recurrenceRules: ['FREQ=HOURLY;INTERVAL=2'] },
    },
  });
  const rings: number[] = [];
  for (let i = 0; i < 8; i += 1) {
    clock.advance(3_600_000);
    rings.push(...emu.fireDue().map((a) => new Date(a.at).getUTCHours()));
  }
  expect(rings).toEqual([18, 20, 22]); // 10:00, 12:00, 14:00 Pacific
  expect(emu.reminders(USER)[0]?.status).toBe('COMPLETED');
});

test('updateReminder replaces the reminder and bumps its version', async () => {
  const { alertToken = '' } = await client.createReminder(reminderAt('2025-01-16T08:00:00'));
  clock.advance(60_000);
  const updated = await client.updateReminder(alertToken, reminderAt('2025-01-16T09:00:00', undefined, 'Warm compress time.'));
  expect(updated).toMatchObject({ alertToken, version: '2', updatedTime: '2025-01-15T17:01:00Z', status: 'ON' });
  expect(await client.getReminder(alertToken)).toMatchObject({ alertInfo: { spokenInfo: { content: [{ text: 'Warm compress time.' }] } } });
});
