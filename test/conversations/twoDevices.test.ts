/**
 * One person, two devices (a kitchen Echo and a bedroom Echo: the same user id, two device ids,
 * two sessions), every pair of interleaved turns among: opening the skill (the disclaimer), the
 * next step of the treatment, a cold-compress timer, compress reminders, and forget me. Through
 * the real skill, the real DynamoDB store and client, on dynalite.
 *
 * What must be stored afterwards is worked out from what the person heard and what Alexa's APIs
 * hold (the emulator), not from the skill's storage code: after the last "forget me", the
 * disclaimer if a turn spoke it, the place of the last step spoken, the end of the last cold
 * compress started, and the tokens of the reminders still set.
 */
import { REMINDERS_SCOPE, TIMERS_SCOPE } from '../../lambda/alexaApi/permissions';
import { itemParts, protocol, topicItems } from '../../lambda/protocol';
import { type PersonState } from '../../lambda/personState';
import { type Turn } from '../../tools/conversation';
import { requestFrom } from '../persistence/storeSupport';
import { words } from '../support/contentWords';
import { phrase } from '../support/phrases';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

const LOCALE = 'en-US';
const say = (key: string, values?: Record<string, string | number>): string => words(LOCALE, key, values);
const STEPS = topicItems('treatment').length;
/** Every part of every treatment step, as heard, with where it is. */
const TREATMENT_PARTS = topicItems('treatment').flatMap((item, index) =>
  itemParts(item).map((part, partIndex) => ({
    index,
    part: partIndex,
    text: say(`topics.treatment.items.${item.id}.${part}`, {
      number: index + 1,
      count: STEPS,
      minutes: item.compress ? (protocol.compresses[item.compress].phases[0]?.minutes ?? 0) : 0,
    }),
  })),
);
const COLD_MS = protocol.compresses.cold.phases.reduce((sum, phase) => sum + phase.minutes, 0) * 60 * 1000;

type Action = 'launch' | 'next' | 'cold' | 'reminders' | 'forget';
/** What each device says (keys of test/phrases). */
const SCRIPTS: Record<Action, readonly string[]> = {
  launch: ['open'],
  next: ['open', 'treatment', 'next'],
  cold: ['open', 'coldTimer'],
  reminders: ['open', 'remindersUntil10pm'],
  forget: ['open', 'forgetMe', 'yes'],
};
const ACTIONS = Object.keys(SCRIPTS) as Action[];

/** Every order in which two devices' turns can interleave, each device's own order kept. */
function interleavings(a: number, b: number): ('kitchen' | 'bedroom')[][] {
  if (a === 0) return [Array<'bedroom'>(b).fill('bedroom')];
  if (b === 0) return [Array<'kitchen'>(a).fill('kitchen')];
  return [...interleavings(a - 1, b).map((rest) => ['kitchen' as const, ...rest]), ...interleavings(a, b - 1).map((rest) => ['bedroom' as const, ...rest])];
}

const cases: [Action, Action, ('kitchen' | 'bedroom')[]][] = [];
ACTIONS.forEach((first, i) => {
  for (const second of ACTIONS.slice(i)) {
    for (const order of interleavings(SCRIPTS[first].length, SCRIPTS[second].length)) cases.push([first, second, order]);
  }
});

interface Heard {
  readonly turn: Turn;
  readonly at: number;
}

/** What storage must hold, from what was heard and what the emulator holds. */
function expectedState(heard: readonly Heard[], userId: string): PersonState {
  const forgotten = heard
    .map((h) => ['forgetMe.done', 'forgetMe.doneWithReminders'].some((key) => h.turn.speech.includes(say(key))))
    .lastIndexOf(true);
  const after = heard.slice(forgotten + 1);
  const forgottenAt = forgotten >= 0 ? (heard[forgotten]?.at ?? 0) : -Infinity;
  const state: PersonState = {};
  if (after.some((h) => h.turn.speech.includes(say('disclaimer')))) state.disclaimerHeard = true;
  for (const h of after) {
    for (const spoken of TREATMENT_PARTS) {
      if (h.turn.speech.includes(spoken.text)) state.position = { topic: 'treatment', index: spoken.index, part: spoken.part, at: h.at };
    }
    if (h.turn.speech.includes(say('compressTimer.started.cold', { minutes: protocol.compresses.cold.phases[0]?.minutes ?? 0 }))) {
      state.lastColdCompressEndsAt = h.at + COLD_MS;
    }
  }
  const tokens = harness.alexa
    .reminders(userId)
    .filter((reminder) => reminder.createdAt > forgottenAt)
    .map((reminder) => reminder.alertToken)
    .sort();
  if (tokens.length > 0) state.reminderTokens = tokens;
  return state;
}

describe('two devices of one person lose nothing, whatever the interleaving', () => {
  test.each(cases)('kitchen: %s, bedroom: %s, turns %j', async (kitchenAction, bedroomAction, order) => {
    const userId = `amzn1.ask.account.TWO-${kitchenAction}-${bedroomAction}-${order.join('')}`;
    harness.alexa.grant(userId, TIMERS_SCOPE);
    harness.alexa.grant(userId, REMINDERS_SCOPE);
    const devices = {
      kitchen: { talk: harness.conversation(LOCALE, { userId, deviceId: 'amzn1.ask.device.KITCHEN' }), script: [...SCRIPTS[kitchenAction]] },
      bedroom: { talk: harness.conversation(LOCALE, { userId, deviceId: 'amzn1.ask.device.BEDROOM' }), script: [...SCRIPTS[bedroomAction]] },
    };
    const heard: Heard[] = [];
    for (const device of order) {
      harness.clock.advance(1000);
      const turn = await devices[device].talk.say(phrase(LOCALE, devices[device].script.shift() ?? ''));
      expect(turn.speech).not.toContain(say('error.general'));
      heard.push({ turn, at: harness.clock.now() });
    }
    const expected = expectedState(heard, userId);
    const stored = await harness.store().read(requestFrom(userId));
    const person = stored.kind === 'found' ? { ...stored.person } : stored.kind === 'missing' ? {} : stored;
    if ('reminderTokens' in person && person.reminderTokens) person.reminderTokens = [...person.reminderTokens].sort();
    expect(person).toEqual(expected);
    expect(harness.logger.lines.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
  });
});
