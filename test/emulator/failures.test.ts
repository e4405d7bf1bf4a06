import { startAlexaApiEmulator, TestClock, type AlexaApiEmulator, type Announcement } from '../../emulator';
import { announceTimer, failureOf, REMINDERS, sdkClients, TIMERS } from './support';

const USER = 'amzn1.ask.account.CY';
let emu: AlexaApiEmulator;

afterEach(() => emu.close());

async function start(opts: Parameters<typeof startAlexaApiEmulator>[0] = {}): Promise<ReturnType<typeof sdkClients>> {
  emu = await startAlexaApiEmulator(opts);
  emu.grant(USER, TIMERS);
  emu.grant(USER, REMINDERS);
  return sdkClients(emu, emu.tokenFor(USER));
}

test('failNext answers the next N matching requests with that status, then recovers', async () => {
  const { timers, ups } = await start();
  emu.failNext('timers', 503, 2);
  expect(await failureOf(timers.createTimer(announceTimer('PT15M')))).toMatchObject({ statusCode: 503, response: { code: 'SERVICE_UNAVAILABLE' } });
  expect(await ups.getSystemTimeZone('d')).toBe('America/Los_Angeles'); // other APIs unaffected
  expect(await failureOf(timers.getTimers())).toMatchObject({ statusCode: 503 });
  expect((await timers.getTimers()).totalCount).toBe(0);
  expect(emu.requests.map((r) => r.status)).toEqual([503, 200, 503, 200]);
});

test('a failure can target one method, after letting some matching requests through', async () => {
  const { timers } = await start();
  emu.failNext('timers', 500, 1, { method: 'POST', after: 1 });
  expect((await timers.getTimers()).totalCount).toBe(0);
  await timers.createTimer(announceTimer('PT15M', 'first'));
  expect(await failureOf(timers.createTimer(announceTimer('PT20M', 'second')))).toMatchObject({ statusCode: 500 });
  await timers.createTimer(announceTimer('PT20M', 'third'));
  expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 200', 'POST 500', 'POST 200']);
});

test("'any' matches every API; settings failures use the ups error codes", async () => {
  const { reminders, ups } = await start();
  emu.failNext('any', 429);
  expect(await failureOf(reminders.getReminders())).toMatchObject({ statusCode: 429, message: expect.stringContaining('RateExceededException') });
  emu.failNext('settings', 504);
  expect(await failureOf(ups.getSystemTimeZone('d'))).toMatchObject({ statusCode: 504, response: { code: 'DEVICE_UNREACHABLE' } });
});

test("'reset' drops the connection and 'timeout' hangs until timeoutMs, then drops it", async () => {
  const { timers } = await start({ timeoutMs: 150 });
  emu.failNext('timers', 'reset');
  expect(await failureOf(timers.getTimers())).toMatchObject({ message: expect.stringMatching(/socket hang up|ECONNRESET/) });

  emu.failNext('timers', 'timeout');
  const began = Date.now();
  const err = await failureOf(timers.createTimer(announceTimer('PT15M')));
  expect(Date.now() - began).toBeGreaterThanOrEqual(140);
  expect(err.message).toMatch(/socket hang up|ECONNRESET/);
  expect(emu.requests.map((r) => r.status)).toEqual(['reset', 'timeout']);
  expect(emu.activeTimers(USER)).toEqual([]); // a failed call must not have side effects
  expect((await timers.getTimers()).totalCount).toBe(0);
});

test('reset() forgets timers, grants, tokens, failures and the request log', async () => {
  const { timers } = await start();
  await timers.createTimer(announceTimer('PT15M'));
  emu.failNext('any', 500);
  const log = emu.requests;
  emu.reset();
  expect(log).toHaveLength(0);
  expect(emu.activeTimers(USER)).toEqual([]);
  expect(emu.hasPermission(USER, TIMERS)).toBe(false);
  expect(await failureOf(timers.getTimers())).toMatchObject({ statusCode: 401 }); // old token no longer valid
});

test('realTime mode fires due timers on its own tick', async () => {
  const heard: Announcement[] = [];
  const clock = new TestClock();
  const { timers } = await start({ clock, realTime: { tickMs: 10 }, onAnnouncement: (a) => heard.push(a) });
  await timers.createTimer(announceTimer('PT1M', 'cold'));
  clock.advance(60_000);
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(heard.map((a) => a.label)).toEqual(['cold']);
});
