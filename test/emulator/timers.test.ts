import { startAlexaApiEmulator, TestClock, type AlexaApiEmulator, type Announcement } from '../../emulator';
import { announceTimer, failureOf, sdkClients, TIMERS } from './support';

const START = Date.UTC(2025, 0, 15, 17, 0, 0);
let clock: TestClock;
let emu: AlexaApiEmulator;
let heard: Announcement[];
let client: ReturnType<typeof sdkClients>['timers'];

beforeEach(async () => {
  clock = new TestClock(START);
  heard = [];
  emu = await startAlexaApiEmulator({ clock, onAnnouncement: (a) => heard.push(a) });
  emu.grant('amzn1.ask.account.ANNE', TIMERS);
  client = sdkClients(emu, emu.tokenFor('amzn1.ask.account.ANNE')).timers;
});
afterEach(() => emu.close());

test('createTimer answers the documented timer object', async () => {
  const timer = await client.createTimer(announceTimer('PT15M', 'cold compress'));
  expect(timer).toEqual({
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    status: 'ON',
    duration: 'PT15M',
    timerLabel: 'cold compress',
    triggerTime: '2025-01-15T17:15:00Z',
    createdTime: '2025-01-15T17:00:00Z',
    updatedTime: '2025-01-15T17:00:00Z',
  });
  expect(emu.requests).toHaveLength(1);
  expect(emu.requests[0]).toMatchObject({ method: 'POST', path: '/v1/alerts/timers', api: 'timers', status: 200, userId: 'amzn1.ask.account.ANNE', validationErrors: [] });
  expect(emu.requests[0]?.authorization).toBe(`Bearer ${emu.tokenFor('amzn1.ask.account.ANNE')}`);
});

test('getTimers lists the skill timers shortest first; getTimer fetches one', async () => {
  const warm = await client.createTimer(announceTimer('PT10M', 'warm'));
  await client.createTimer(announceTimer('PT2M3S', 'stretch'));
  const list = await client.getTimers();
  expect(list.totalCount).toBe(2);
  expect(list.timers?.map((t) => t.duration)).toEqual(['PT2M3S', 'PT10M']);
  expect(await client.getTimer(warm.id ?? '')).toMatchObject({ id: warm.id, timerLabel: 'warm', status: 'ON' });
});

test('pause keeps the remaining time and resume restarts from it', async () => {
  const timer = await client.createTimer(announceTimer('PT15M'));
  const id = timer.id ?? '';
  clock.advance(5 * 60_000 + 3_000);
  await client.pauseTimer(id);
  const paused = await client.getTimer(id);
  expect(paused).toMatchObject({ status: 'PAUSED', remainingTimeWhenPaused: 'PT9M57S' });
  expect(paused.triggerTime).toBeUndefined();

  clock.advance(60 * 60_000); // paused timers don't ring
  expect(emu.fireDue()).toEqual([]);
  await client.resumeTimer(id);
  expect(await client.getTimer(id)).toMatchObject({ status: 'ON', triggerTime: '2025-01-15T18:15:00Z' });
  expect(await failureOf(client.resumeTimer(id))).toMatchObject({ name: 'ServiceError', statusCode: 400 });
});

test('deleteTimer and deleteTimers cancel; unknown ids are 404', async () => {
  const a = await client.createTimer(announceTimer('PT1M', 'a'));
  await client.createTimer(announceTimer('PT2M', 'b'));
  await client.deleteTimer(a.id ?? '');
  expect(await failureOf(client.getTimer(a.id ?? ''))).toMatchObject({ statusCode: 404, message: 'Timer not found', response: { code: 'NOT_FOUND' } });
  await client.deleteTimers();
  expect(await client.getTimers()).toEqual({ totalCount: 0, timers: [] });
  expect(emu.activeTimers('amzn1.ask.account.ANNE')).toEqual([]);
});

test('without the timers grant every operation is 401; an unknown token is 401', async () => {
  emu.revoke('amzn1.ask.account.ANNE', TIMERS);
  expect(emu.hasPermission('amzn1.ask.account.ANNE', TIMERS)).toBe(false);
  expect(await failureOf(client.createTimer(announceTimer('PT15M')))).toMatchObject({ statusCode: 401, message: 'Unauthorized' });
  expect(await failureOf(client.getTimers())).toMatchObject({ statusCode: 401 });
  const stranger = sdkClients(emu, 'not-a-token').timers;
  expect(await failureOf(stranger.getTimers())).toMatchObject({ statusCode: 401, response: { code: 'UNAUTHORIZED' } });
  expect(emu.activeTimers('amzn1.ask.account.ANNE')).toEqual([]);
});

test('a label already in use is refused with 400', async () => {
  await client.createTimer(announceTimer('PT15M', 'cold compress'));
  const err = await failureOf(client.createTimer(announceTimer('PT10M', 'Cold Compress')));
  expect(err).toMatchObject({ statusCode: 400, response: { code: 'BAD_REQUEST' } });
  expect(emu.requests[1]?.validationErrors).toEqual([]); // well-formed, just not allowed
  expect(emu.activeTimers('amzn1.ask.account.ANNE')).toHaveLength(1);
});

test('the person’s own timers count toward the limit of 10', async () => {
  emu.addForeignTimers('amzn1.ask.account.ANNE', 9);
  await client.createTimer(announceTimer('PT15M'));
  expect(await failureOf(client.createTimer(announceTimer('PT10M')))).toMatchObject({ statusCode: 403, message: 'Forbidden' });
  expect(emu.activeTimers('amzn1.ask.account.ANNE')).toHaveLength(10);
  expect((await client.getTimers()).totalCount).toBe(1); // the skill only sees its own
});

test('durations beyond PT2H, or zero, are 400 and recorded as shape errors', async () => {
  await client.createTimer(announceTimer('PT2H'));
  expect(await failureOf(client.createTimer(announceTimer('PT2H1S')))).toMatchObject({ statusCode: 400 });
  expect(await failureOf(client.createTimer(announceTimer('PT0S')))).toMatchObject({ statusCode: 400 });
  expect(emu.requests.map((r) => r.validationErrors)).toEqual([[], ['duration must be at most PT2H'], ['duration must be greater than zero']]);
});

test('fireDue rings timers at their trigger time, announces them and removes them', async () => {
  await client.createTimer(announceTimer('PT15M', 'cold compress', 'Take the cold pack off now.'));
  await client.createTimer({ ...announceTimer('PT20M', 'quiet'), triggeringBehavior: { operation: { type: 'NOTIFY_ONLY' }, notificationConfig: { playAudible: true } } });
  clock.advance(15 * 60_000 - 1);
  expect(emu.fireDue()).toEqual([]);
  clock.advance(1);
  const rung = emu.fireDue();
  expect(rung).toEqual([{ kind: 'timer', userId: 'amzn1.ask.account.ANNE', timerId: expect.any(String), label: 'cold compress', locale: 'en-US', text: 'Take the cold pack off now.', at: START + 15 * 60_000 }]);
  expect(heard).toEqual(rung);
  expect((await client.getTimers()).timers?.map((t) => t.timerLabel)).toEqual(['quiet']);
  clock.advance(10 * 60_000);
  expect(emu.fireDue()).toMatchObject([{ label: 'quiet', text: '', locale: '' }]);
});
