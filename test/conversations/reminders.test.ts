import { type Failure } from '../../emulator';
import { REMINDERS_SCOPE } from '../../lambda/alexaApi/permissions';
import { protocol } from '../../lambda/protocol';
import { localToEpoch } from '../../emulator/time';
import { type Conversation } from '../../tools/conversation';
import { clockWords, durationWords, entry, LOCALES, words as contentWords } from '../support/contentWords';
import { phrase } from '../support/phrases';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());
beforeEach(() => harness.alexa.reset());

const EVERY = protocol.reminders.coldCompress.everyMinutes * 60 * 1000;

/** Someone in a time zone, with reminders allowed, at a local wall-clock time. */
function personAt(timeZone: string, localNow: string, locale: string): Conversation {
  harness.clock.set(localToEpoch(localNow, timeZone));
  const talk = harness.conversation(locale);
  harness.alexa.setTimeZone(talk.caller().deviceId, timeZone);
  harness.alexa.grant(talk.caller().userId, REMINDERS_SCOPE);
  return talk;
}

function scheduled(talk: Conversation): string[] {
  return harness.alexa
    .reminders(talk.caller().userId)
    .filter((reminder) => reminder.status === 'ON')
    .map((reminder) => (reminder.request.trigger as { scheduledTime?: string }).scheduledTime ?? '')
    .sort();
}

describe.each(LOCALES)('%s reminders', (locale) => {
  const words = (key: string, values?: Record<string, string | number>): string => contentWords(locale, key, values);
  const p = (key: string): string => phrase(locale, key);

  test.each([
    ['America/New_York', '2026-11-25T15:00:00', '22:00', 'remindersUntil10pm', ['2026-11-25T17:00:00', '2026-11-25T19:00:00', '2026-11-25T21:00:00']],
    ['Asia/Kolkata', '2026-11-25T15:30:00', '22:00', 'remindersUntil10pmDigits', ['2026-11-25T17:30:00', '2026-11-25T19:30:00', '2026-11-25T21:30:00']],
    // Across midnight: bedtime is after the date changes.
    ['Europe/London', '2026-11-25T21:30:00', '01:30', 'remindersUntil130am', ['2026-11-25T23:30:00', '2026-11-26T01:30:00']],
  ])('in %s at %s, bedtime %s: reminders every two hours in local time', async (timeZone, localNow, _bedtime, spoken, expected) => {
    const talk = personAt(timeZone, localNow, locale);
    const turn = await talk.oneShot(p(spoken));
    expect(turn.intent).toBe('CompressRemindersIntent');
    expect(scheduled(talk)).toEqual(expected);
    for (const reminder of harness.alexa.reminders(talk.caller().userId)) {
      expect((reminder.request.trigger as { timeZoneId?: string }).timeZoneId).toBe(timeZone);
      expect(reminder.request.alertInfo?.spokenInfo?.content?.[0]?.text).toBe(words('reminders.text'));
    }
    expect(harness.alexa.requests.filter((request) => request.api === 'reminders').every((request) => request.validationErrors.length === 0)).toBe(true);
    // The confirmation names every time, in the person's own zone.
    for (const local of expected) expect(turn.speech).toContain(clockWords(locale, local));
    expect(turn.ended).toBe(true);
    // They really ring, two hours apart.
    harness.clock.advance(EVERY);
    expect(harness.alexa.fireDue().filter((a) => a.kind === 'reminder')).toHaveLength(1);
  });

  test('with no bedtime said, the skill asks for it, then schedules', async () => {
    const talk = personAt('America/Los_Angeles', '2026-11-25T16:00:00', locale);
    const ask = await talk.oneShot(p('remindersUntilBedtime'));
    expect(ask.speech).toContain(words('reminders.askBedtime'));
    expect(ask.directives.find((directive) => directive.type === 'Dialog.ElicitSlot')).toMatchObject({ slotToElicit: 'bedtime' });
    expect(ask.reprompt).toBeTruthy();
    const vague = await talk.say(p('bedtimeVague'));
    expect(vague.speech).toContain(words('reminders.askBedtime'));
    expect(vague.speech).toContain(words('safetyLine'));
    const done = await talk.say(p('bedtimeAt11pm'));
    expect(done.request.request).toMatchObject({ dialogState: 'IN_PROGRESS' });
    expect(scheduled(talk)).toEqual(['2026-11-25T18:00:00', '2026-11-25T20:00:00', '2026-11-25T22:00:00']);
  });

  test('bedtime less than two hours away: no reminders, and it says so', async () => {
    const talk = personAt('America/Chicago', '2026-11-25T21:00:00', locale);
    const turn = await talk.oneShot(p('remindersUntil1030pm'));
    expect(turn.speech).toContain(words('reminders.noneBeforeBedtime'));
    expect(scheduled(talk)).toEqual([]);
  });

  test('a bedtime that has already passed: no reminders through the night, and it says so', async () => {
    const talk = personAt('America/New_York', '2026-11-25T23:30:00', locale);
    const turn = await talk.oneShot(p('remindersUntil10pm'));
    expect(turn.speech).toContain(words('reminders.pastBedtime'));
    expect(scheduled(talk)).toEqual([]);
    // After midnight, "until eleven" is also a bedtime passed, not a series from one in the morning.
    const late = personAt('America/Denver', '2026-11-26T00:30:00', locale);
    expect((await late.oneShot(p('remindersUntil11pm'))).speech).toContain(words('reminders.pastBedtime'));
    expect(scheduled(late)).toEqual([]);
  });

  test('never more than the daily cap, however long the day', async () => {
    // Eighteen hours before bedtime, the longest day the series covers: nine times fit, eight are set.
    const talk = personAt('America/Denver', '2026-11-25T05:00:00', locale);
    await talk.oneShot(p('remindersUntil11pm'));
    expect(scheduled(talk)).toHaveLength(protocol.reminders.coldCompress.maxPerDay);
  });

  test('asking again replaces the reminders rather than doubling them; stop deletes them all', async () => {
    const talk = personAt('America/New_York', '2026-11-25T12:00:00', locale);
    await talk.oneShot(p('remindersUntil10pm'));
    expect(scheduled(talk)).toHaveLength(5);
    await talk.oneShot(p('remindersUntil6pm'));
    expect(scheduled(talk)).toEqual(['2026-11-25T14:00:00', '2026-11-25T16:00:00', '2026-11-25T18:00:00']);
    const stop = await talk.oneShot(p('stopReminders'));
    expect(stop.speech).toBe(words('reminders.stopped', { count: 3 }));
    expect(scheduled(talk)).toEqual([]);
    const again = await talk.oneShot(p('stopReminders'));
    expect(again.speech).toBe(words('reminders.noneToStop'));
  });

  test('reminders need their own permission: asked by voice, then scheduled as asked', async () => {
    harness.clock.set(localToEpoch('2026-11-25T14:00:00', 'America/New_York'));
    const talk = harness.conversation(locale);
    harness.alexa.setTimeZone(talk.caller().deviceId, 'America/New_York');
    const asking = await talk.oneShot(p('remindersUntil9pm'));
    expect(asking.speech).toContain(words('permissions.askReminders'));
    const askFor = asking.directives.find((directive) => directive.type === 'Connections.SendRequest') as
      | { payload: { permissionScopes: { permissionScope: string }[] } }
      | undefined;
    expect(askFor?.payload.permissionScopes[0]?.permissionScope).toBe(REMINDERS_SCOPE);
    await talk.say(p('yes'));
    expect(scheduled(talk)).toEqual(['2026-11-25T16:00:00', '2026-11-25T18:00:00', '2026-11-25T20:00:00']);
  });

  test('reminders declined: the card and the manual way', async () => {
    const talk = harness.conversation(locale);
    await talk.oneShot(p('remindersUntil9pm'));
    const turn = await talk.say(p('no'));
    expect(turn.speech).toContain(words('permissions.remindersDeclined'));
    expect(turn.speech).toContain(words('permissions.manualReminder'));
    expect(turn.response.response.card).toEqual({ type: 'AskForPermissionsConsent', permissions: [REMINDERS_SCOPE] });
  });

  test.each<[Failure, string]>([
    [400, 'apiFailure.reminders.rejected'],
    [429, 'apiFailure.reminders.busy'],
    [500, 'apiFailure.reminders.unavailable'],
    [504, 'apiFailure.reminders.offline'],
    ['timeout', 'apiFailure.reminders.unavailable'],
  ])('reminders API %s: a clear answer, nothing set, earlier reminders kept', async (failure, key) => {
    const talk = personAt('America/New_York', '2026-11-25T12:00:00', locale);
    await talk.oneShot(p('remindersUntil6pm'));
    const before = scheduled(talk);
    harness.alexa.failNext('reminders', failure, 1, { method: 'POST' });
    const turn = await talk.oneShot(p('remindersUntil10pm'));
    expect(turn.speech).toContain(words(key));
    expect(turn.ended).toBe(false);
    expect(turn.reprompt).toBeTruthy();
    expect(scheduled(talk)).toEqual(before);
    // The saved tokens still point at them: stop still finds and deletes them.
    await talk.say(p('stopReminders'));
    expect(scheduled(talk)).toEqual([]);
  });

  test('a failure part way: the times that were set are said, and kept', async () => {
    const talk = personAt('America/New_York', '2026-11-25T12:00:00', locale);
    harness.alexa.failNext('reminders', 500, 1, { method: 'POST', after: 2 });
    const turn = await talk.oneShot(p('remindersUntil10pm'));
    expect(scheduled(talk)).toEqual(['2026-11-25T14:00:00', '2026-11-25T16:00:00']);
    expect(turn.speech).toContain(clockWords(locale, '2026-11-25T14:00:00'));
    expect(turn.speech).toContain(clockWords(locale, '2026-11-25T16:00:00'));
    expect(turn.speech).toContain(words('reminders.partial', { times: 'X' }).split('X')[0] ?? '');
  });

  test('time zone lookup failing: a clear answer and nothing scheduled', async () => {
    const talk = personAt('America/New_York', '2026-11-25T12:00:00', locale);
    harness.alexa.failNext('settings', 500);
    const turn = await talk.oneShot(p('remindersUntil10pm'));
    expect(turn.speech).toContain(words('apiFailure.timeZone'));
    expect(scheduled(talk)).toEqual([]);
  });

  describe('bedtime said without morning or evening is the evening', () => {
    test.each([
      ['remindersUntil11', ['2026-11-25T17:00:00', '2026-11-25T19:00:00', '2026-11-25T21:00:00', '2026-11-25T23:00:00']],
      ['remindersUntil9Digit', ['2026-11-25T17:00:00', '2026-11-25T19:00:00', '2026-11-25T21:00:00']],
    ])('"until %s" never schedules through the night', async (spoken, expected) => {
      const talk = personAt('America/New_York', '2026-11-25T15:00:00', locale);
      await talk.oneShot(p(spoken));
      expect(scheduled(talk)).toEqual(expected);
    });

    test('answering the bedtime question with an hour alone', async () => {
      const talk = personAt('America/New_York', '2026-11-25T15:00:00', locale);
      await talk.oneShot(p('remindersNoBedtime'));
      await talk.say(p('bedtimeTen'));
      expect(scheduled(talk)).toEqual(['2026-11-25T17:00:00', '2026-11-25T19:00:00', '2026-11-25T21:00:00']);
    });
  });

  describe('one reminder at a time the person says', () => {
    test('"remind me to ice again in two hours" is one reminder, then, not the bedtime series', async () => {
      const talk = personAt('America/New_York', '2026-11-25T12:00:00', locale);
      const turn = await talk.oneShot(p('remindOnceTwoHours'));
      expect(turn.intent).toBe('RemindOnceIntent');
      const reminders = harness.alexa.reminders(talk.caller().userId);
      expect(reminders).toHaveLength(1);
      expect(reminders[0]?.nextAt).toBe(harness.clock.now() + 2 * 60 * 60 * 1000);
      expect(turn.speech).toContain(words('reminders.onceSet', { wait: durationWords(locale, 120) }));
    });

    test('"remind me later" asks when, and the answer sets it', async () => {
      const talk = personAt('America/New_York', '2026-11-25T12:00:00', locale);
      const asked = await talk.oneShot(p('remindLater'));
      expect(asked.speech).toContain(words('reminders.askWhen'));
      expect(asked.directives.find((directive) => directive.type === 'Dialog.ElicitSlot')).toMatchObject({ slotToElicit: 'wait' });
      const set = await talk.say(p('inFortyFiveMinutes'));
      expect(set.speech).toContain(words('reminders.onceSet', { wait: durationWords(locale, 45) }));
      expect(harness.alexa.reminders(talk.caller().userId)).toHaveLength(1);
    });
  });

  describe('stop and forget me act on what the Reminders API holds', () => {
    test('reminders set while storage was down are still stopped, and the count is said', async () => {
      const talk = personAt('America/New_York', '2026-11-25T12:00:00', locale);
      await talk.oneShot(p('remindersUntil6pm'));
      // Storage never learned the tokens (a fresh person record, the same account).
      const other = harness.conversation(locale, { userId: talk.caller().userId, skill: await harness.skillWithEmptyStorage() });
      const stop = await other.oneShot(p('stopReminders'));
      expect(stop.speech).toBe(words('reminders.stopped', { count: 3 }));
      expect(scheduled(talk)).toEqual([]);
    });

    test('a stop that fails part way says how many were stopped, and how to retry', async () => {
      const talk = personAt('America/New_York', '2026-11-25T12:00:00', locale);
      await talk.oneShot(p('remindersUntil6pm'));
      harness.alexa.failNext('reminders', 500, 2, { method: 'DELETE', after: 2 });
      const stop = await talk.oneShot(p('stopReminders'));
      expect(stop.speech).toContain(words('reminders.stopPartial', { done: 2, count: 3 }));
      expect(scheduled(talk)).toHaveLength(1);
      expect(stop.ended).toBe(false);
      const retry = await talk.say(p('stopMyReminders'));
      expect(retry.speech).toBe(words('reminders.stopped', { count: 1 }));
      expect(scheduled(talk)).toEqual([]);
    });

    test('forget me deletes the reminders the API lists, and says so', async () => {
      const talk = personAt('America/New_York', '2026-11-25T12:00:00', locale);
      await talk.oneShot(p('remindersUntil6pm'));
      await talk.oneShot(p('forgetMe'));
      const done = await talk.say(p('yes'));
      expect(done.speech).toBe(words('forgetMe.doneWithReminders'));
      expect(scheduled(talk)).toEqual([]);
    });
  });
});

describe.each(LOCALES)('%s: clock times are said the way the locale says them', (locale) => {
  const p = (key: string): string => phrase(locale, key);
  const twelveHour = entry(locale).hourCycle === 'h12';

  test(`a time just after midnight is ${twelveHour ? '12:27 AM, never 0:27' : '0:27'}`, async () => {
    const talk = personAt('Europe/London', '2026-11-25T22:27:00', locale);
    const turn = await talk.oneShot(p('remindersUntil1230am'));
    expect(turn.speech).toContain(clockWords(locale, '2026-11-26T00:27:00'));
    if (twelveHour) expect(turn.speech).not.toMatch(/\b0:27/);
  });

  test('a sentence ending in a time has one full stop', async () => {
    const talk = personAt('America/Toronto', '2026-11-25T15:00:00', locale);
    const turn = await talk.oneShot(p('remindersUntil10pm'));
    expect(turn.speech).not.toMatch(/[.。।]\s*[.。।]/);
    expect(turn.speech).toContain(clockWords(locale, '2026-11-25T21:00:00'));
  });
});
