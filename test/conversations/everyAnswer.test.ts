import { check } from 'ssml-check-core';
import { REMINDERS_SCOPE, TIMERS_SCOPE } from '../../lambda/alexaApi/permissions';
import { localToEpoch } from '../../emulator/time';
import { type Conversation, type Turn } from '../../tools/conversation';
import { isUnspaced } from '../../tools/nlu/normalize';
import { entry, LOCALES, words } from '../support/contentWords';
import { phrase } from '../support/phrases';
import { SkillHarness } from '../support/harness';
import { walkEverything } from '../support/voiceWalk';

/**
 * Every answer the skill gives, in every locale, through every kind of turn a person meets:
 * short enough to follow lying down, valid SSML, a reprompt exactly when the session stays
 * open, and the one-breath safety line after every question or apology that is not itself a
 * safety answer, and in every reprompt of one.
 */
const MAX_HEARD_WORDS = 45;

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

/** The words a person hears, as SSML says them: digits one by one, a <sub> by its alias. */
function heardWords(ssml: string, locale: string): number {
  const text = ssml
    .replace(/<sub alias="([^"]*)">[^<]*<\/sub>/g, ' $1 ')
    .replace(/<say-as interpret-as="digits">(\d+)<\/say-as>/g, (_, digits: string) => ` ${[...digits].join(' ')} `)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&apos;/g, "'")
    .replace(/&[a-z]+;/g, ' ');
  // Languages written without spaces (Japanese) are counted by the platform's word breaker.
  if (isUnspaced(entry(locale).language)) {
    return [...new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)].filter((segment) => segment.isWordLike).length;
  }
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Turns of every kind: walks, facts, warnings, questions, apologies, timers, reminders, failures. */
async function everyKindOfTurn(locale: string): Promise<Turn[]> {
  const turns: Turn[] = [];
  const p = (key: string): string => phrase(locale, key);
  const fresh = (): Conversation => harness.conversation(locale);
  const say = async (talk: Conversation, ...keys: string[]): Promise<void> => {
    for (const key of keys) turns.push(await talk.say(p(key)));
  };
  const oneShot = async (talk: Conversation, ...keys: string[]): Promise<void> => {
    for (const key of keys) turns.push(await talk.oneShot(p(key)));
  };

  turns.push(...(await walkEverything(fresh())));
  // First use, one-shot, with the disclaimer, for every topic and fact.
  for (const opener of ['treatment', 'causes', 'symptoms', 'prevention', 'doctor', 'iceOrHeat', 'recovery', 'lying', 'bath', 'moving', 'durationCold']) {
    await oneShot(fresh(), opener);
  }
  // Safety answers of every kind.
  for (const key of ['numbLegs', 'minorFall', 'oneLeg', 'distressDie', 'medicineIbuprofen', 'medicineStop', 'ambulance', 'cantGetUp', 'fever', 'denyFeverShort', 'feelNumb']) {
    await oneShot(fresh(), key);
  }
  // Questions, help and not understood, in several states.
  const asking = fresh();
  await say(asking, 'open', 'notUnderstood', 'help', 'treatment', 'next', 'next', 'help', 'forgetMe', 'pardon', 'whatQuestion', 'no');
  const returning = fresh();
  await oneShot(returning, 'treatment');
  await say(returning, 'stop');
  turns.push(await returning.launch());
  await say(returning, 'help', 'yes');
  // Timers: started, order questions, too soon, time left, cancel, failures, permission.
  const timing = fresh();
  harness.alexa.grant(timing.caller().userId, TIMERS_SCOPE);
  await oneShot(timing, 'massageTimer', 'timeLeft', 'cancelTimer', 'coldTimer', 'warmTimer');
  await say(timing, 'yes');
  harness.clock.advance(40 * 60 * 1000);
  await oneShot(timing, 'coldTimer', 'warmForTwenty');
  harness.alexa.failNext('timers', 500, 1);
  await oneShot(timing, 'massageTimer');
  const asked = fresh();
  await oneShot(asked, 'coldTimer');
  await say(asked, 'no');
  await oneShot(fresh(), 'timeLeft');
  // Reminders: the most times there can be, one reminder, stop.
  harness.clock.set(localToEpoch('2026-11-25T07:10:00', 'America/New_York'));
  const reminding = fresh();
  harness.alexa.grant(reminding.caller().userId, REMINDERS_SCOPE);
  harness.alexa.setTimeZone(reminding.caller().deviceId, 'America/New_York');
  await oneShot(reminding, 'remindersUntil1130pm', 'remindLater');
  await say(reminding, 'inTwoHours');
  await oneShot(reminding, 'stopReminders');
  harness.alexa.failNext('reminders', 500, 1);
  await oneShot(reminding, 'remindersUntil10pm');
  return turns;
}

describe.each(LOCALES)('%s: every answer', (locale) => {
  let turns: Turn[];
  beforeAll(async () => {
    harness.alexa.reset();
    turns = await everyKindOfTurn(locale);
  }, 60_000);

  test(`is at most ${MAX_HEARD_WORDS} words, reprompt included in its own right`, () => {
    const measured = turns.map((turn) => ({ said: turn.intent ?? turn.request.request.type, words: heardWords(turn.ssml, locale), text: turn.speech }));
    const longest = [...measured].sort((a, b) => b.words - a.words)[0];
    console.log(`${locale}: ${turns.length} answers, the longest ${longest?.words} words (${longest?.said}): ${longest?.text}`);
    expect(measured.filter(({ words: count }) => count > MAX_HEARD_WORDS)).toEqual([]);
    const reprompts = turns.flatMap((turn) => {
      const ssml = (turn.response.response.reprompt?.outputSpeech as { ssml?: string } | undefined)?.ssml;
      return ssml === undefined ? [] : [{ text: turn.reprompt, words: heardWords(ssml, locale) }];
    });
    expect(reprompts.filter(({ words: count }) => count > MAX_HEARD_WORDS)).toEqual([]);
  });

  test('is valid Alexa SSML', async () => {
    const problems: string[] = [];
    for (const turn of turns) {
      for (const ssml of [turn.ssml, (turn.response.response.reprompt?.outputSpeech as { ssml?: string } | undefined)?.ssml]) {
        if (ssml === undefined || ssml === '') continue;
        const errors = (await check(ssml, { platform: 'amazon' })) ?? [];
        if (errors.length > 0) problems.push(`${ssml}: ${JSON.stringify(errors)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('has a reprompt exactly when the session stays open (Alexa\'s own permission question aside)', () => {
    const wrong = turns.filter((turn) => {
      const waitingForAlexa = turn.directives.some((directive) => directive.type === 'Connections.SendRequest');
      if (waitingForAlexa || turn.request.request.type === 'SessionEndedRequest') return false;
      return turn.ended === (turn.reprompt !== undefined);
    });
    expect(wrong.map((turn) => turn.speech)).toEqual([]);
  });

  test('that asks or apologises (and is no warning) carries the safety line, as does every such reprompt', () => {
    const line = words(locale, 'safetyLine');
    const warnings = ['redFlag.followUp', 'distress.reprompt'].map((key) => words(locale, key));
    const missing = turns.filter((turn) => {
      if (turn.ended || turn.reprompt === undefined) return false;
      const isWarning = warnings.some((warning) => turn.reprompt?.startsWith(warning));
      if (isWarning) return false;
      const asksOrApologises = /\?$/.test(turn.speech.replace(line, '').trim()) || turn.speech.includes(words(locale, 'fallback.sorry'));
      return !turn.reprompt.endsWith(line) || (asksOrApologises && !turn.speech.endsWith(line));
    });
    expect(missing.map((turn) => `${turn.speech} || ${turn.reprompt}`)).toEqual([]);
  });
});
