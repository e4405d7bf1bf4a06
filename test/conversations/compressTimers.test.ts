import { type Failure } from '../../emulator';
import { TIMERS_SCOPE } from '../../lambda/alexaApi/permissions';
import { COMPRESS_KINDS, protocol, type CompressKind } from '../../lambda/protocol';
import { type Conversation, type Turn } from '../../tools/conversation';
import { durationWords, LOCALES, rawWords, words } from '../support/contentWords';
import { phrase } from '../support/phrases';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());
beforeEach(() => harness.alexa.reset());

const MINUTE = 60 * 1000;
type SupportedLocale = string;

/** What a person says to start each compress (keys of test/phrases). */
const START_PHRASE: Record<CompressKind, string> = {
  cold: 'coldTimer',
  warm: 'heatPack',
  massage: 'massageTimer',
};

/** Someone who has already said yes to timers. */
function grantedTalk(locale: SupportedLocale): Conversation {
  const talk = harness.conversation(locale);
  harness.alexa.grant(talk.caller().userId, TIMERS_SCOPE);
  return talk;
}

function userOf(talk: Conversation): string {
  return talk.caller().userId;
}

function expectWayForward(turn: Turn): void {
  expect(turn.speech.length).toBeGreaterThan(20);
  expect(turn.ended).toBe(false);
  expect(turn.reprompt).toBeTruthy();
}

describe.each(LOCALES)('%s compress timers', (locale) => {
  const p = (key: string): string => phrase(locale, key);
  test.each(COMPRESS_KINDS)('%s: placing advice, one timer per phase, announcements on time', async (kind) => {
    const talk = grantedTalk(locale);
    const turn = await talk.oneShot(p(START_PHRASE[kind]));
    expect(turn.intent).toBe('StartCompressTimerIntent');
    expect(turn.speech).toContain(words(locale, `compressTimer.howTo.${kind}`));
    expect(turn.ended).toBe(true);

    const phases = protocol.compresses[kind].phases;
    const timers = harness.alexa.activeTimers(userOf(talk));
    expect(timers).toHaveLength(phases.length);
    expect(harness.alexa.requests.every((request) => request.validationErrors.length === 0)).toBe(true);

    let elapsed = 0;
    for (const phase of phases) {
      elapsed += phase.minutes;
      harness.clock.advance(phase.minutes * MINUTE - 1000);
      expect(harness.alexa.fireDue()).toHaveLength(0);
      harness.clock.advance(1000);
      const rang = harness.alexa.fireDue();
      expect(rang).toHaveLength(1);
      expect(rang[0]?.label).toBe(words(locale, `compressTimer.labels.${phase.id}`));
      expect(rang[0]?.locale).toBe(locale);
      expect(rang[0]?.text).toBe(words(locale, `compressTimer.announcements.${phase.id}`));
    }
    expect(elapsed).toBeLessThanOrEqual(120);
  });
});

describe.each(LOCALES)('%s: voice permission for timers', (locale) => {
  const p = (key: string): string => phrase(locale, key);
  test('first time: Alexa asks; on yes exactly the asked-for timer is created', async () => {
    const talk = harness.conversation(locale);
    const asking = await talk.oneShot(p('massageTimer'));
    const askFor = asking.directives.find((directive) => directive.type === 'Connections.SendRequest') as
      | { name: string; payload: { permissionScopes: { permissionScope: string; consentLevel: string }[] } }
      | undefined;
    expect(askFor?.name).toBe('AskFor');
    expect(askFor?.payload.permissionScopes).toEqual([{ permissionScope: TIMERS_SCOPE, consentLevel: 'ACCOUNT' }]);
    expect(asking.response.response.shouldEndSession).toBeUndefined();
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);

    const done = await talk.say(p('approve'));
    expect(done.request.request.type).toBe('Connections.Response');
    expect(done.speech).toContain(words(locale, 'compressTimer.howTo.massage'));
    const labels = harness.alexa.activeTimers(userOf(talk)).map((timer) => timer.label);
    expect(labels).toEqual(protocol.compresses.massage.phases.map((phase) => words(locale, `compressTimer.labels.${phase.id}`)));
  });

  test.each([
    ['declined', (talk: Conversation) => talk.say(p('no'))],
    ['not answered', async (talk: Conversation) => (await talk.silence()) as Turn],
  ])('%s: how to enable it, the permissions card, and the manual timer', async (_, answer) => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('coldTimer'));
    const turn = await answer(talk);
    expect(turn.speech).toContain(words(locale, 'permissions.timersDeclined'));
    expect(turn.speech).toContain(words(locale, 'permissions.manualTimer', { minutes: protocol.compresses.cold.phases[0]?.minutes ?? 0 }));
    expect(turn.response.response.card).toEqual({ type: 'AskForPermissionsConsent', permissions: [TIMERS_SCOPE] });
    expectWayForward(turn);
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
  });
});

describe.each(LOCALES)('%s: Alexa API failures get a clear answer and lose nothing', (locale) => {
  const p = (key: string): string => phrase(locale, key);
  const FAILURES: readonly [Failure, string][] = [
    [400, 'apiFailure.timers.rejected'],
    [429, 'apiFailure.timers.busy'],
    [500, 'apiFailure.timers.unavailable'],
    [503, 'apiFailure.timers.unavailable'],
    [504, 'apiFailure.timers.offline'],
    ['timeout', 'apiFailure.timers.unavailable'],
    ['reset', 'apiFailure.timers.unavailable'],
  ];

  test.each(FAILURES)('%s when listing or creating the timer', async (failure, key) => {
    for (const method of ['GET', 'POST'] as const) {
      const talk = grantedTalk(locale);
      harness.alexa.failNext('timers', failure, 1, { method });
      const turn = await talk.oneShot(p('coldTimer'));
      expect(turn.speech).toContain(words(locale, key));
      expect(turn.speech).toContain(words(locale, 'permissions.manualTimer', { minutes: protocol.compresses.cold.phases[0]?.minutes ?? 0 }));
      expectWayForward(turn);
      expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
      // Nothing was recorded as a compress that did not happen: trying again just works.
      const again = await talk.say(p('coldTimer'));
      expect(again.speech).toContain(words(locale, 'compressTimer.howTo.cold'));
      expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(1);
    }
  });

  test.each<Failure>([401, 403])('%s when listing timers means no permission: Alexa asks by voice', async (failure) => {
    const talk = grantedTalk(locale);
    harness.alexa.failNext('timers', failure, 1, { method: 'GET' });
    const turn = await talk.oneShot(p('warmTimer'));
    expect(turn.speech).toContain(words(locale, 'permissions.askTimers'));
    expect(turn.directives.some((directive) => directive.type === 'Connections.SendRequest')).toBe(true);
  });

  test('a hung timers call is cut off by the skill\'s own deadline, with an answer in time', async () => {
    const talk = grantedTalk(locale);
    harness.alexa.failNext('timers', 'timeout', 1, { method: 'POST' });
    const started = Date.now();
    const turn = await talk.oneShot(p('warmTimer'));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(turn.speech).toContain(words(locale, 'apiFailure.timers.unavailable'));
  });

  test('401 on a person who had granted (revoked since): Alexa asks again', async () => {
    const talk = grantedTalk(locale);
    harness.alexa.revoke(userOf(talk), TIMERS_SCOPE);
    const turn = await talk.oneShot(p('warmTimer'));
    expect(turn.directives.some((directive) => directive.type === 'Connections.SendRequest')).toBe(true);
  });

  test('a 401 right after the person said yes does not ask again in a loop', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('warmTimer'));
    harness.alexa.failNext('timers', 401, 1);
    const turn = await talk.say(p('approve'));
    expect(turn.directives.some((directive) => directive.type === 'Connections.SendRequest')).toBe(false);
    expect(turn.speech).toContain(words(locale, 'permissions.timersDeclined'));
  });

  test('ten timers already set: the skill says so instead of an eleventh', async () => {
    const talk = grantedTalk(locale);
    harness.alexa.addForeignTimers(userOf(talk), 10);
    const turn = await talk.oneShot(p('coldTimer'));
    expect(turn.speech).toContain(words(locale, 'compressTimer.limit'));
    expectWayForward(turn);
  });

  test('a massage whose second timer fails leaves no half-set timers behind, retrying a failed rollback', async () => {
    const talk = grantedTalk(locale);
    harness.alexa.failNext('timers', 500, 1, { method: 'POST', after: 1 });
    const turn = await talk.oneShot(p('massageTimer'));
    expect(turn.speech).toContain(words(locale, 'apiFailure.timers.unavailable'));
    expect(harness.alexa.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);

    // The first attempt to remove the half-set timer fails; the retry removes it.
    harness.alexa.reset();
    const retried = grantedTalk(locale);
    harness.alexa.failNext('timers', 500, 1, { method: 'POST', after: 1 });
    harness.alexa.failNext('timers', 500, 1, { method: 'DELETE' });
    const second = await retried.oneShot(p('massageTimer'));
    expect(second.speech).toContain(words(locale, 'apiFailure.timers.unavailable'));
    expect(harness.alexa.requests.filter((request) => request.method === 'DELETE')).toHaveLength(2);
    expect(harness.alexa.activeTimers(userOf(retried))).toHaveLength(0);
  });

  test('a rollback that keeps failing is said as it is: which timer is still running, and how to stop it', async () => {
    const talk = grantedTalk(locale);
    harness.alexa.failNext('timers', 500, 1, { method: 'POST', after: 1 });
    harness.alexa.failNext('timers', 500, 2, { method: 'DELETE' });
    const turn = await talk.oneShot(p('massageTimer'));
    const left = harness.alexa.activeTimers(userOf(talk));
    expect(left).toHaveLength(1);
    expect(turn.speech).toContain(words(locale, 'compressTimer.leftRunning', { labels: words(locale, 'compressTimer.labels.massageDone') }));
    expect(turn.speech).not.toContain(opening(locale, 'compressTimer.started.massage'));
    expectWayForward(turn);
  });
});

function opening(locale: string, key: string): string {
  return rawWords(locale, key).split('{{')[0]?.trim() ?? '';
}

describe.each(LOCALES)('%s: time left, cancel, and spacing cold compresses', (locale) => {
  const p = (key: string): string => phrase(locale, key);
  test('how long is left answers from the Timers API, for each running timer', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('massageTimer'));
    harness.clock.advance(4 * MINUTE);
    const turn = await talk.oneShot(p('timeLeft'));
    expect(turn.intent).toBe('TimeLeftIntent');
    const [massage, towel] = protocol.compresses.massage.phases;
    expect(turn.speech).toContain(
      words(locale, 'compressTimer.timeLeft', { label: words(locale, 'compressTimer.labels.massageDone'), left: durationWords(locale, (massage?.minutes ?? 0) - 4) }),
    );
    expect(turn.speech).toContain(
      words(locale, 'compressTimer.timeLeft', {
        label: words(locale, 'compressTimer.labels.warmTowelOff'),
        left: durationWords(locale, (massage?.minutes ?? 0) + (towel?.minutes ?? 0) - 4),
      }),
    );
  });

  test('nothing running: says so, with how to start one', async () => {
    const talk = grantedTalk(locale);
    const turn = await talk.oneShot(p('timeLeft'));
    expect(turn.speech).toContain(words(locale, 'compressTimer.noTimers'));
  });

  test('cancel removes the timers and counts the cold compress as ended now', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('coldTimer'));
    harness.clock.advance(5 * MINUTE);
    const turn = await talk.oneShot(p('cancelTimer'));
    expect(turn.intent).toBe('CancelCompressTimerIntent');
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
    harness.clock.advance(MINUTE);
    const again = await talk.oneShot(p('coldTimer'));
    const gap = (protocol.compresses.cold.minutesBetween ?? 0) - 1;
    expect(again.speech).toContain(words(locale, 'compressTimer.coldTooSoon', { wait: durationWords(locale, gap) }));
  });

  test('a second cold compress too soon: says how long to wait and offers a reminder for then', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('coldTimer'));
    const coldMinutes = protocol.compresses.cold.phases[0]?.minutes ?? 0;
    harness.clock.advance((coldMinutes + 30) * MINUTE);
    harness.alexa.fireDue();
    const early = await talk.oneShot(p('iceMyBack'));
    expect(early.intent).toBe('StartCompressTimerIntent');
    expect(early.ended).toBe(false);
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
    const asked = await talk.say(p('yes'));
    // Reminders need their own permission.
    expect(asked.directives.some((directive) => directive.type === 'Connections.SendRequest')).toBe(true);
    const set = await talk.say(p('approve'));
    const reminders = harness.alexa.reminders(userOf(talk));
    expect(reminders).toHaveLength(1);
    const dueIn = ((protocol.compresses.cold.minutesBetween ?? 0) - 30) * MINUTE;
    expect(reminders[0]?.nextAt).toBe(harness.clock.now() + dueIn);
    expect(set.speech).toContain(durationWords(locale, (protocol.compresses.cold.minutesBetween ?? 0) - 30));
    expect(harness.alexa.requests.every((request) => request.validationErrors.length === 0)).toBe(true);

    harness.clock.advance(dueIn);
    const onTime = await talk.oneShot(p('coldTimer'));
    expect(onTime.speech).toContain(words(locale, 'compressTimer.howTo.cold'));
  });

  test('a cold compress already running is not doubled', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('coldTimer'));
    harness.clock.advance(5 * MINUTE);
    const turn = await talk.oneShot(p('coldTimer'));
    expect(turn.speech).toContain(
      words(locale, 'compressTimer.alreadyRunning', { label: words(locale, 'compressTimer.labels.coldCompressOff'), left: durationWords(locale, 10) }),
    );
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(1);
  });

  test('"start a timer" with no compress asks which, and the answer starts it', async () => {
    const talk = grantedTalk(locale);
    const which = await talk.oneShot(p('someTimer'));
    expect(which.directives.some((directive) => directive.type === 'Dialog.ElicitSlot')).toBe(true);
    const turn = await talk.say(p('warmAnswer'));
    expect(turn.speech).toContain(words(locale, 'compressTimer.howTo.warm'));
  });
});

describe.each(LOCALES)('%s: the guide\'s order, and timings the person says', (locale) => {
  const p = (key: string): string => phrase(locale, key);
  test('a warm compress asked for while a cold one runs: the order first, nothing set until yes', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('coldTimer'));
    harness.clock.advance(5 * MINUTE);
    const asked = await talk.oneShot(p('warmTimer'));
    expect(asked.speech).toContain(words(locale, 'compressTimer.coldStillRunning', { left: durationWords(locale, 10) }));
    expect(asked.ended).toBe(false);
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(1);
    const started = await talk.say(p('yes'));
    expect(started.speech).toContain(words(locale, 'compressTimer.howTo.warm'));
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(2);
  });

  test('no to "start it anyway?" leaves the timers as they were', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('coldTimer'));
    await talk.oneShot(p('heatPack'));
    const turn = await talk.say(p('no'));
    expect(turn.speech).not.toContain(words(locale, 'compressTimer.howTo.warm'));
    expect(turn.ended).toBe(false);
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(1);
  });

  test('a cold compress right after a warm one gets the order said before anything is set', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('warmTimer'));
    harness.clock.advance(12 * MINUTE);
    harness.alexa.fireDue();
    const asked = await talk.oneShot(p('coldTimer'));
    expect(asked.speech).toContain(words(locale, 'compressTimer.warmAfterWarm'));
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
  });

  test('"time my heat for twenty minutes": the guide\'s ten, said as such', async () => {
    const talk = grantedTalk(locale);
    const turn = await talk.oneShot(p('warmForTwenty'));
    const minutes = protocol.compresses.warm.phases[0]?.minutes ?? 0;
    expect(turn.speech).toContain(words(locale, 'compressTimer.notYourMinutes', { compress: words(locale, 'compressTimer.names.warm'), minutes }));
    expect(harness.alexa.activeTimers(userOf(talk))[0]?.label).toBe(words(locale, 'compressTimer.labels.warmCompressOff'));
  });

  test('"put timer for fifteen minutes for ice" is the cold compress timer, with no note about minutes', async () => {
    const talk = grantedTalk(locale);
    const turn = await talk.oneShot(p('iceForFifteen'));
    expect(turn.intent).toBe('StartCompressTimerIntent');
    expect(turn.speech).not.toContain(rawWords(locale, 'compressTimer.notYourMinutes').split('{{')[0] ?? 'never');
    expect(harness.alexa.activeTimers(userOf(talk))[0]?.label).toBe(words(locale, 'compressTimer.labels.coldCompressOff'));
  });

  test('a timer with only minutes said is the compress that lasts that long', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('timerForFifteen'));
    expect(harness.alexa.activeTimers(userOf(talk))[0]?.label).toBe(words(locale, 'compressTimer.labels.coldCompressOff'));
  });
});

describe.each(LOCALES)('%s: cancel and time left never pretend', (locale) => {
  const p = (key: string): string => phrase(locale, key);
  test('cancel answered with 401 asks permission to cancel; yes cancels, and never sets a timer', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('massageTimer'));
    harness.alexa.failNext('timers', 401, 1, { method: 'GET' });
    const asking = await talk.oneShot(p('cancelTimer'));
    const askFor = asking.directives.find((directive) => directive.type === 'Connections.SendRequest') as { token?: string } | undefined;
    expect(JSON.parse(askFor?.token ?? '{}')).toEqual({ action: 'cancelTimers' });
    const done = await talk.say(p('approve'));
    const [before] = rawWords(locale, 'compressTimer.cancelled', 2).split('{{labels}}');
    expect(done.speech).toContain((before ?? '').replace('{{count}}', '2').trim());
    expect(done.speech).toContain(words(locale, 'compressTimer.labels.massageDone'));
    expect(done.speech).toContain(words(locale, 'compressTimer.labels.warmTowelOff'));
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
    expect(harness.alexa.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
  });

  test('one timer cancelled is "timer", two are "timers"', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('coldTimer'));
    const one = await talk.oneShot(p('cancelTimer'));
    expect(one.speech).toContain(words(locale, 'compressTimer.cancelled', { count: 1, labels: words(locale, 'compressTimer.labels.coldCompressOff') }));
  });

  test('a cancel that fails for one of two timers says how many were cancelled', async () => {
    const talk = grantedTalk(locale);
    await talk.oneShot(p('massageTimer'));
    harness.alexa.failNext('timers', 500, 2, { method: 'DELETE', after: 1 });
    const turn = await talk.oneShot(p('cancelTimer'));
    expect(turn.speech).toContain(words(locale, 'compressTimer.cancelPartial', { done: 1, count: 2 }));
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(1);
    expectWayForward(turn);
  });

  test('"time left" without permission says it cannot see the timers, not that none runs', async () => {
    const talk = harness.conversation(locale);
    const turn = await talk.oneShot(p('timeLeft'));
    expect(turn.speech).toContain(words(locale, 'compressTimer.cantSeeTimers'));
    expect(turn.speech).not.toContain(words(locale, 'compressTimer.noTimers'));
    expectWayForward(turn);
  });
});
