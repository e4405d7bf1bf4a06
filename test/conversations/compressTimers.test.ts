import { type Failure } from '../../emulator';
import { TIMERS_SCOPE } from '../../lambda/alexaApi/permissions';
import { translatorFor } from '../../lambda/i18n';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../../lambda/locale';
import { COMPRESS_KINDS, protocol, type CompressKind } from '../../lambda/protocol';
import { speechText, type Conversation, type Turn } from '../../tools/conversation';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());
beforeEach(() => harness.alexa.reset());

const MINUTE = 60 * 1000;
const words = (locale: SupportedLocale, key: string, values?: Record<string, string | number>): string =>
  speechText(translatorFor(locale)(key, values));

/** What a person says to start each compress, by the COMPRESS slot's own value. */
const START_PHRASE: Record<CompressKind, string> = {
  cold: 'start a cold compress timer',
  warm: 'time my heat pack',
  massage: 'start the massage',
};

/** Someone who has already said yes to timers. */
function grantedTalk(locale: SupportedLocale = 'en-US'): Conversation {
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

describe.each(SUPPORTED_LOCALES)('%s compress timers', (locale) => {
  test.each(COMPRESS_KINDS)('%s: placing advice, one timer per phase, announcements on time', async (kind) => {
    const talk = grantedTalk(locale);
    const turn = await talk.say(`ask back spasm helper to ${START_PHRASE[kind]}`);
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
      expect(rang[0]?.text).toBe(translatorFor(locale)(`compressTimer.announcements.${phase.id}`));
    }
    expect(elapsed).toBeLessThanOrEqual(120);
  });
});

describe('voice permission for timers', () => {
  test('first time: Alexa asks; on yes exactly the asked-for timer is created', async () => {
    const talk = harness.conversation('en-GB');
    const asking = await talk.say('ask back spasm helper to start the massage');
    const askFor = asking.directives.find((directive) => directive.type === 'Connections.SendRequest') as
      | { name: string; payload: { permissionScopes: { permissionScope: string; consentLevel: string }[] } }
      | undefined;
    expect(askFor?.name).toBe('AskFor');
    expect(askFor?.payload.permissionScopes).toEqual([{ permissionScope: TIMERS_SCOPE, consentLevel: 'ACCOUNT' }]);
    expect(asking.response.response.shouldEndSession).toBeUndefined();
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);

    const done = await talk.say('I approve');
    expect(done.request.request.type).toBe('Connections.Response');
    expect(done.speech).toContain(words('en-GB', 'compressTimer.howTo.massage'));
    const labels = harness.alexa.activeTimers(userOf(talk)).map((timer) => timer.label);
    expect(labels).toEqual(protocol.compresses.massage.phases.map((phase) => words('en-GB', `compressTimer.labels.${phase.id}`)));
  });

  test.each([
    ['declined', (talk: Conversation) => talk.say('no')],
    ['not answered', async (talk: Conversation) => (await talk.silence()) as Turn],
  ])('%s: how to enable it, the permissions card, and the manual timer', async (_, answer) => {
    const talk = harness.conversation('en-US');
    await talk.say('ask back spasm helper to start a cold compress timer');
    const turn = await answer(talk);
    expect(turn.speech).toContain(words('en-US', 'permissions.timersDeclined'));
    expect(turn.speech).toContain(words('en-US', 'permissions.manualTimer', { minutes: protocol.compresses.cold.phases[0]?.minutes ?? 0 }));
    expect(turn.response.response.card).toEqual({ type: 'AskForPermissionsConsent', permissions: [TIMERS_SCOPE] });
    expectWayForward(turn);
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
  });
});

describe('Alexa API failures get a clear answer and lose nothing', () => {
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
      const talk = grantedTalk();
      harness.alexa.failNext('timers', failure, 1, { method });
      const turn = await talk.say('ask back spasm helper to start a cold compress timer');
      expect(turn.speech).toContain(words('en-US', key));
      expect(turn.speech).toContain(words('en-US', 'permissions.manualTimer', { minutes: protocol.compresses.cold.phases[0]?.minutes ?? 0 }));
      expectWayForward(turn);
      expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
      // Nothing was recorded as a compress that did not happen: trying again just works.
      const again = await talk.say('start a cold compress timer');
      expect(again.speech).toContain(words('en-US', 'compressTimer.howTo.cold'));
      expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(1);
    }
  });

  test.each<Failure>([401, 403])('%s when listing timers means no permission: Alexa asks by voice', async (failure) => {
    const talk = grantedTalk();
    harness.alexa.failNext('timers', failure, 1, { method: 'GET' });
    const turn = await talk.say('ask back spasm helper to start a warm compress timer');
    expect(turn.speech).toContain(words('en-US', 'permissions.askTimers'));
    expect(turn.directives.some((directive) => directive.type === 'Connections.SendRequest')).toBe(true);
  });

  test('a hung timers call is cut off by the skill\'s own deadline, with an answer in time', async () => {
    const talk = grantedTalk();
    harness.alexa.failNext('timers', 'timeout', 1, { method: 'POST' });
    const started = Date.now();
    const turn = await talk.say('ask back spasm helper to start a warm compress timer');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(turn.speech).toContain(words('en-US', 'apiFailure.timers.unavailable'));
  });

  test('401 on a person who had granted (revoked since): Alexa asks again', async () => {
    const talk = grantedTalk();
    harness.alexa.revoke(userOf(talk), TIMERS_SCOPE);
    const turn = await talk.say('ask back spasm helper to start a warm compress timer');
    expect(turn.directives.some((directive) => directive.type === 'Connections.SendRequest')).toBe(true);
  });

  test('a 401 right after the person said yes does not ask again in a loop', async () => {
    const talk = harness.conversation('en-US');
    await talk.say('ask back spasm helper to start a warm compress timer');
    harness.alexa.failNext('timers', 401, 1);
    const turn = await talk.say('I approve');
    expect(turn.directives.some((directive) => directive.type === 'Connections.SendRequest')).toBe(false);
    expect(turn.speech).toContain(words('en-US', 'permissions.timersDeclined'));
  });

  test('ten timers already set: the skill says so instead of an eleventh', async () => {
    const talk = grantedTalk();
    harness.alexa.addForeignTimers(userOf(talk), 10);
    const turn = await talk.say('ask back spasm helper to start a cold compress timer');
    expect(turn.speech).toContain(words('en-US', 'compressTimer.limit'));
    expectWayForward(turn);
  });

  test('a massage whose second timer fails leaves no half-set timers behind', async () => {
    const talk = grantedTalk();
    harness.alexa.failNext('timers', 500, 1, { method: 'POST', after: 1 });
    const turn = await talk.say('ask back spasm helper to start the massage');
    expect(turn.speech).toContain(words('en-US', 'apiFailure.timers.unavailable'));
    expect(harness.alexa.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
  });
});

describe('time left, cancel, and spacing cold compresses', () => {
  test('how long is left answers from the Timers API, for each running timer', async () => {
    const talk = grantedTalk();
    await talk.say('ask back spasm helper to start the massage');
    harness.clock.advance(4 * MINUTE);
    const turn = await talk.say('ask back spasm helper how long is left on my compress');
    expect(turn.intent).toBe('TimeLeftIntent');
    const [massage, towel] = protocol.compresses.massage.phases;
    const t = translatorFor('en-US');
    expect(turn.speech).toContain(
      speechText(t('compressTimer.timeLeft', { label: t('compressTimer.labels.massageDone'), left: t('time.minutes', { count: (massage?.minutes ?? 0) - 4 }) })),
    );
    expect(turn.speech).toContain(
      speechText(
        t('compressTimer.timeLeft', {
          label: t('compressTimer.labels.warmTowelOff'),
          left: t('time.minutes', { count: (massage?.minutes ?? 0) + (towel?.minutes ?? 0) - 4 }),
        }),
      ),
    );
  });

  test('nothing running: says so, with how to start one', async () => {
    const talk = grantedTalk();
    const turn = await talk.say('ask back spasm helper how much time is left');
    expect(turn.speech).toContain(words('en-US', 'compressTimer.noTimers'));
  });

  test('cancel removes the timers and counts the cold compress as ended now', async () => {
    const talk = grantedTalk();
    await talk.say('ask back spasm helper to start a cold compress timer');
    harness.clock.advance(5 * MINUTE);
    const turn = await talk.say('ask back spasm helper to cancel the compress timer');
    expect(turn.intent).toBe('CancelCompressTimerIntent');
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
    harness.clock.advance(MINUTE);
    const again = await talk.say('ask back spasm helper to start a cold compress timer');
    const gap = (protocol.compresses.cold.minutesBetween ?? 0) - 1;
    const t = translatorFor('en-US');
    const wait = t('time.hoursAndMinutes', { hours: t('time.hours', { count: Math.floor(gap / 60) }), minutes: t('time.minutes', { count: gap % 60 }) });
    expect(again.speech).toContain(speechText(t('compressTimer.coldTooSoon', { wait })));
  });

  test('a second cold compress too soon: says how long to wait and offers a reminder for then', async () => {
    const talk = grantedTalk();
    await talk.say('ask back spasm helper to start a cold compress timer');
    const coldMinutes = protocol.compresses.cold.phases[0]?.minutes ?? 0;
    harness.clock.advance((coldMinutes + 30) * MINUTE);
    harness.alexa.fireDue();
    const early = await talk.say('ask back spasm helper to ice my back for me');
    expect(early.intent).toBe('StartCompressTimerIntent');
    expect(early.ended).toBe(false);
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(0);
    const asked = await talk.say('yes');
    // Reminders need their own permission.
    expect(asked.directives.some((directive) => directive.type === 'Connections.SendRequest')).toBe(true);
    const set = await talk.say('I approve');
    const reminders = harness.alexa.reminders(userOf(talk));
    expect(reminders).toHaveLength(1);
    const dueIn = ((protocol.compresses.cold.minutesBetween ?? 0) - 30) * MINUTE;
    expect(reminders[0]?.nextAt).toBe(harness.clock.now() + dueIn);
    expect(set.speech).toContain('1 hour and 30 minutes');
    expect(harness.alexa.requests.every((request) => request.validationErrors.length === 0)).toBe(true);

    harness.clock.advance(dueIn);
    const onTime = await talk.say('ask back spasm helper to start a cold compress timer');
    expect(onTime.speech).toContain(words('en-US', 'compressTimer.howTo.cold'));
  });

  test('a cold compress already running is not doubled', async () => {
    const talk = grantedTalk();
    await talk.say('ask back spasm helper to start a cold compress timer');
    harness.clock.advance(5 * MINUTE);
    const turn = await talk.say('ask back spasm helper to start a cold compress timer');
    const t = translatorFor('en-US');
    expect(turn.speech).toContain(
      speechText(t('compressTimer.alreadyRunning', { label: t('compressTimer.labels.coldCompressOff'), left: t('time.minutes', { count: 10 }) })),
    );
    expect(harness.alexa.activeTimers(userOf(talk))).toHaveLength(1);
  });

  test('"start a timer" with no compress asks which, and the answer starts it', async () => {
    const talk = grantedTalk();
    const which = await talk.say('ask back spasm helper to start a timer');
    expect(which.directives.some((directive) => directive.type === 'Dialog.ElicitSlot')).toBe(true);
    const turn = await talk.say('warm');
    expect(turn.speech).toContain(words('en-US', 'compressTimer.howTo.warm'));
  });
});
