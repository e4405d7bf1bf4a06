import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Intent } from 'ask-sdk-model';
import { VirtualAlexa } from 'virtual-alexa';
import { startAlexaApiEmulator, type AlexaApiEmulator } from '../../emulator';
import { REMINDERS_SCOPE, TIMERS_SCOPE } from '../../lambda/alexaApi/permissions';
import { silentLogger } from '../../lambda/logger';
import { localeInfo, SUPPORTED_LOCALES } from '../../lambda/locales';
import { createSkill } from '../../lambda/skill';
import { MemoryPersonStore } from '../../bench/memorySkill/memoryPersonStore';
import { phrase } from '../../test/support/phrases';
import { Conversation, type Turn } from '../conversation';
import { matcherFor, MODELS_DIR } from './interactionModel';
import { type Match } from './matcher';
import { isUnspaced } from './normalize';

/**
 * `npm run nlu:report`: how well the real interaction models understand phrasings nobody
 * wrote them from (devsets/), and whether every red flag gets a safe answer. Not a test: it
 * measures. For each phrasing:
 * - exact (virtual-alexa): the independent simulator's own matching of the model;
 * - exact (ours): tools/nlu held to exact matching (every script, Japanese included);
 * - tolerant: the nearest sample, tools/nlu's tolerant mode;
 * - safe: the real skill's answer when the phrasing reaches it the way npm start sends it
 *   (exact, then unresolved slot words, then tolerant), after the phrasing's context.
 */
const ROOT = join(__dirname, '..', '..');
const DEVSETS = join(ROOT, 'devsets');

interface Phrasing {
  readonly locale: string;
  readonly text: string;
  readonly expect: string;
  readonly context?: 'yesNoQuestion' | 'midWalk' | 'askedBedtime' | 'timerRunning';
  readonly tags?: readonly string[];
}

/** What counts as understanding each label: the intents (and slot value ids) that answer it. */
const ACCEPTS: Readonly<Record<string, ReadonlyArray<{ intent: string; slot?: [string, string] }>>> = {
  treatment: [{ intent: 'TreatmentIntent' }],
  'remedy:rest': [{ intent: 'RemedyIntent', slot: ['remedy', 'rest'] }],
  'remedy:coldCompress': [{ intent: 'RemedyIntent', slot: ['remedy', 'coldCompress'] }],
  'remedy:warmCompress': [{ intent: 'RemedyIntent', slot: ['remedy', 'warmCompress'] }],
  'remedy:massage': [{ intent: 'RemedyIntent', slot: ['remedy', 'massage'] }],
  iceOrHeat: [{ intent: 'IceOrHeatIntent' }],
  duration: [{ intent: 'CompressDurationIntent' }],
  causes: [{ intent: 'CausesIntent' }],
  'cause:medicines': [{ intent: 'CausesIntent', slot: ['cause', 'medicines'] }],
  'cause:sitting': [{ intent: 'CausesIntent', slot: ['cause', 'sitting'] }],
  symptoms: [{ intent: 'SymptomsIntent' }],
  prevention: [{ intent: 'PreventionIntent' }],
  recovery: [{ intent: 'RecoveryIntent' }],
  doctor: [{ intent: 'WhenToSeeDoctorIntent' }],
  lying: [{ intent: 'LyingPositionIntent' }],
  bath: [{ intent: 'BathIntent' }],
  moving: [{ intent: 'MovingIntent' }],
  'timer:start': [{ intent: 'StartCompressTimerIntent' }],
  'timer:timeLeft': [{ intent: 'TimeLeftIntent' }],
  'timer:cancel': [{ intent: 'CancelCompressTimerIntent' }],
  'reminders:series': [{ intent: 'CompressRemindersIntent' }],
  'reminder:once': [{ intent: 'RemindOnceIntent' }],
  'reminders:stop': [{ intent: 'StopCompressRemindersIntent' }],
  forgetMe: [{ intent: 'ForgetMeIntent' }],
  medicine: [{ intent: 'MedicineIntent' }],
  medicineStop: [{ intent: 'StopMedicineIntent' }],
  distress: [{ intent: 'DistressIntent' }],
  urgent: [{ intent: 'RedFlagIntent' }],
  doctorSoon: [{ intent: 'RedFlagIntent' }],
  negation: [{ intent: 'NoSymptomIntent' }],
  next: [{ intent: 'AMAZON.NextIntent' }],
  previous: [{ intent: 'AMAZON.PreviousIntent' }],
  repeat: [{ intent: 'AMAZON.RepeatIntent' }],
  startOver: [{ intent: 'AMAZON.StartOverIntent' }],
  help: [{ intent: 'AMAZON.HelpIntent' }],
  stop: [{ intent: 'AMAZON.StopIntent' }, { intent: 'AMAZON.CancelIntent' }],
  yes: [{ intent: 'AMAZON.YesIntent' }],
  no: [{ intent: 'AMAZON.NoIntent' }],
};

const SAFETY_LABELS = new Set(['urgent', 'doctorSoon', 'distress', 'medicine', 'medicineStop', 'negation']);

function resolvedId(intent: Intent, slot: string): string | undefined {
  return intent.slots?.[slot]?.resolutions?.resolutionsPerAuthority?.find((authority) => authority.status.code === 'ER_SUCCESS_MATCH')?.values?.[0]
    ?.value.id;
}

function understood(label: string, intent: Intent | undefined): boolean {
  if (!intent) return false;
  return (ACCEPTS[label] ?? []).some((accept) => accept.intent === intent.name && (!accept.slot || resolvedId(intent, accept.slot[0]) === accept.slot[1]));
}

type Tree = { readonly [key: string]: string | Tree };

/** The words a locale says for a key, from the content files (a report reads content as a test does). */
function contentWords(locale: string, key: string): string {
  const language = localeInfo(locale)?.language ?? '';
  for (const code of [locale, language]) {
    try {
      let node: string | Tree | undefined = JSON.parse(readFileSync(join(ROOT, 'content', code, 'speech.json'), 'utf8')) as Tree;
      for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
      if (typeof node === 'string') return node;
    } catch {
      // A locale without a file of its own.
    }
  }
  return '';
}

/** The literal words of a sentence, between its placeholders ({{what}}) and markup ([[tel:…]]). */
function literalPieces(locale: string, key: string): string[] {
  return contentWords(locale, key)
    .split(/\{\{[^}]*\}\}|\[\[[^\]]*\]\]/)
    .map((piece) => piece.trim());
}

/**
 * Words that identify an answer: its longest stretch of literal words between placeholders
 * (a language that puts the sign first, "{{what}} हो, तो ...", has nothing before the first).
 */
function opening(locale: string, key: string): string {
  return literalPieces(locale, key).reduce((longest, piece) => (piece.length > longest.length ? piece : longest), '').slice(0, 40);
}

/** The speech without the first-use notice, which names the emergency number to everyone. */
function withoutNotice(locale: string, speech: string): string {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return speech.replace(new RegExp(literalPieces(locale, 'disclaimer').map(escape).join('.*?'), 's'), '');
}

type AnswerKind = 'urgent' | 'doctor' | 'distress' | 'medicine' | 'medicineStop' | 'notUnderstood' | 'other';

function answerKind(locale: string, turn: Turn): AnswerKind {
  const speech = turn.speech;
  const starts = (key: string): boolean => {
    const start = opening(locale, key);
    return start !== '' && speech.includes(start);
  };
  if (starts('distress.answer')) return 'distress';
  if (starts('redFlag.urgent') || starts('redFlag.answers.cant_move') || starts('redFlag.answers.ambulance')) return 'urgent';
  if (starts('redFlag.doctor') || starts('redFlag.answers.one_leg') || starts('redFlag.answers.minor_fall') || starts('topics.symptoms.items.numbness.speech')) {
    return 'doctor';
  }
  if (starts('medicine.stop')) return 'medicineStop';
  if (starts('medicine.painRelief')) return 'medicine';
  if (starts('fallback.sorry') || starts('fallback.yesNo')) return 'notUnderstood';
  return 'other';
}

interface Outcome {
  readonly phrasing: Phrasing;
  readonly exactVa?: boolean;
  readonly exactOwn: boolean;
  readonly tolerant: boolean;
  readonly alexaLike: boolean;
  readonly answer: AnswerKind;
  readonly safe?: boolean;
  /** A red-flag compound answered with a treatment step instead. */
  readonly remedyForRedFlag?: boolean;
  readonly heard: string;
  readonly speech: string;
}

/**
 * The context a phrasing was written for, set up by really talking to the skill, in the
 * locale's own words (test/phrases: what the conversation tests say by meaning).
 */
async function inContext(talk: Conversation, context: Phrasing['context'], emulator: AlexaApiEmulator): Promise<{ intent: Intent; slotName: string } | undefined> {
  const p = (key: string): string => phrase(talk.locale, key);
  switch (context) {
    case 'yesNoQuestion':
      await talk.oneShot(p('treatment'));
      await talk.say(p('stop'));
      await talk.launch();
      return undefined;
    case 'midWalk':
      await talk.oneShot(p('treatment'));
      await talk.say(p('next'));
      return undefined;
    case 'askedBedtime':
      emulator.grant(talk.caller().userId, REMINDERS_SCOPE);
      await talk.oneShot(p('remindersNoBedtime'));
      return { intent: { name: 'CompressRemindersIntent', confirmationStatus: 'NONE', slots: { bedtime: { name: 'bedtime', confirmationStatus: 'NONE' } } }, slotName: 'bedtime' };
    case 'timerRunning':
      await talk.oneShot(p('coldTimer'));
      return undefined;
    default:
      return undefined;
  }
}

function virtualAlexaFor(locale: string, captured: { request?: { type?: string; intent?: Intent } }): VirtualAlexa {
  const va = VirtualAlexa.Builder()
    .handler((_event: unknown, _context: unknown, callback?: (error: unknown, response: unknown) => void) => {
      const response = { version: '1.0', response: { shouldEndSession: false } };
      callback?.(null, response);
      return Promise.resolve(response);
    })
    .interactionModelFile(join(MODELS_DIR, `${locale}.json`))
    .locale(locale)
    .create();
  va.filter((request: { request?: { type?: string; intent?: Intent } }) => {
    captured.request = request.request;
  });
  return va;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 1000) / 10}%`;
}

function table(rows: ReadonlyArray<readonly [string, readonly Outcome[]]>, withVa: boolean): string {
  const header = ['', 'n', ...(withVa ? ['exact (virtual-alexa)'] : []), 'exact (ours)', 'tolerant', 'safe'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((cell, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const [name, outcomes] of rows) {
    const safety = outcomes.filter((outcome) => outcome.safe !== undefined);
    const va = outcomes.filter((outcome) => outcome.exactVa !== undefined);
    lines.push(
      `| ${[
        name,
        String(outcomes.length),
        ...(withVa ? [percent(va.filter((outcome) => outcome.exactVa).length, va.length)] : []),
        percent(outcomes.filter((outcome) => outcome.exactOwn).length, outcomes.length),
        percent(outcomes.filter((outcome) => outcome.tolerant).length, outcomes.length),
        safety.length === 0 ? '' : `${safety.filter((outcome) => outcome.safe).length}/${safety.length}`,
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function groupBy(outcomes: readonly Outcome[], key: (outcome: Outcome) => string): Array<[string, Outcome[]]> {
  const groups = new Map<string, Outcome[]>();
  for (const outcome of outcomes) {
    const name = key(outcome);
    groups.set(name, [...(groups.get(name) ?? []), outcome]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { language: { type: 'string' }, 'no-virtual-alexa': { type: 'boolean' }, out: { type: 'string' }, misses: { type: 'boolean' }, 'exact-misses': { type: 'boolean' }, set: { type: 'string' } },
  });
  const setDir = values.set ? resolve(ROOT, values.set) : DEVSETS;
  const files = readdirSync(setDir).filter((file) => file.endsWith('.json'));
  const languages = files.map((file) => file.replace(/\.json$/, '')).filter((language) => !values.language || values.language === language);
  const emulator = await startAlexaApiEmulator({});
  const skill = createSkill({ personStore: new MemoryPersonStore(), logger: silentLogger });
  const sections: string[] = [];
  const everything: Outcome[] = [];
  let person = 0;

  for (const language of languages) {
    const set = JSON.parse(readFileSync(join(setDir, `${language}.json`), 'utf8')) as { phrasings: Phrasing[] };
    const phrasings = set.phrasings.filter((phrasing) => (SUPPORTED_LOCALES as readonly string[]).includes(phrasing.locale));
    if (phrasings.length === 0) {
      sections.push(`### ${language}\n\nNo model yet for the locales of devsets/${language}.json.`);
      continue;
    }
    const useVa = !values['no-virtual-alexa'] && !isUnspaced(language);
    const vas = new Map<string, { va: VirtualAlexa; captured: { request?: { type?: string; intent?: Intent } } }>();
    const outcomes: Outcome[] = [];
    for (const phrasing of phrasings) {
      const matcher = matcherFor(phrasing.locale);
      const userId = `amzn1.ask.account.report-${(person += 1)}`;
      emulator.grant(userId, TIMERS_SCOPE);
      emulator.grant(userId, REMINDERS_SCOPE);
      const talk = new Conversation({ skill, locale: phrasing.locale, userId, deviceId: `amzn1.ask.device.report-${person}`, apiEndpoint: emulator.url, apiAccessToken: () => emulator.tokenFor(userId) });
      emulator.setTimeZone(talk.caller().deviceId, 'America/New_York');
      const eliciting = await inContext(talk, phrasing.context, emulator);
      const exact: Match = matcher.match(phrasing.text, eliciting, 'exact');
      const tolerant: Match = matcher.match(phrasing.text, eliciting, 'tolerant');
      const alexaLike: Match = matcher.match(phrasing.text, eliciting, 'alexa');
      let exactVa: boolean | undefined;
      if (useVa && phrasing.context !== 'askedBedtime') {
        let entry = vas.get(phrasing.locale);
        if (!entry) {
          const captured = {};
          entry = { va: virtualAlexaFor(phrasing.locale, captured), captured };
          vas.set(phrasing.locale, entry);
        }
        entry.captured.request = undefined;
        try {
          await entry.va.utter(phrasing.text);
          const request = entry.captured.request as { type?: string; intent?: Intent } | undefined;
          exactVa = request?.type === 'IntentRequest' ? understood(phrasing.expect, request.intent) : false;
        } catch {
          exactVa = false;
        }
      }
      // Sent the way npm start sends it (the same 'alexa' matching, with the session's elicitation).
      const turn = await talk.say(phrasing.text);
      const answer = answerKind(phrasing.locale, turn);
      const emergency = localeInfo(phrasing.locale)?.emergency.display ?? '';
      let safe: boolean | undefined;
      switch (phrasing.expect) {
        case 'urgent':
          safe = answer === 'urgent' || (answer === 'notUnderstood' && turn.speech.includes(emergency));
          break;
        case 'doctorSoon':
          safe = answer === 'doctor' || answer === 'urgent';
          break;
        case 'distress':
          safe = answer === 'distress';
          break;
        case 'medicine':
          safe = answer === 'medicine' || answer === 'medicineStop';
          break;
        case 'medicineStop':
          safe = answer === 'medicineStop';
          break;
        case 'negation':
          // Alarmed: any warning, or the emergency number at all.
          // (The first-use notice's "in an emergency, call ..." is not an alarm.)
          safe = answer !== 'urgent' && answer !== 'doctor' && !withoutNotice(phrasing.locale, turn.speech).includes(emergency);
          break;
        default:
          safe = undefined;
      }
      const steps = ['topics.treatment.items.rest.how', 'topics.treatment.items.coldCompress.how', 'compressTimer.howTo.cold'].map((key) => opening(phrasing.locale, key));
      const remedyForRedFlag =
        (phrasing.expect === 'urgent' || phrasing.expect === 'doctorSoon') && (phrasing.tags ?? []).includes('compound')
          ? steps.some((start) => start !== '' && turn.speech.includes(start))
          : undefined;
      outcomes.push({
        phrasing,
        exactVa,
        exactOwn: understood(phrasing.expect, exact.intent),
        tolerant: understood(phrasing.expect, tolerant.intent),
        alexaLike: understood(phrasing.expect, alexaLike.intent),
        answer,
        safe,
        remedyForRedFlag,
        heard: `${alexaLike.intent.name} (${alexaLike.how})`,
        speech: turn.speech,
      });
    }
    everything.push(...outcomes);
    const safety = outcomes.filter((outcome) => SAFETY_LABELS.has(outcome.phrasing.expect));
    const redFlags = outcomes.filter((outcome) => ['urgent', 'doctorSoon'].includes(outcome.phrasing.expect));
    const negations = outcomes.filter((outcome) => outcome.phrasing.expect === 'negation');
    const compounds = outcomes.filter((outcome) => outcome.remedyForRedFlag !== undefined);
    const va = outcomes.filter((outcome) => outcome.exactVa !== undefined);
    sections.push(
      [
        `### ${language} (${outcomes.length} phrasings)`,
        '',
        `- understood, exact${useVa ? ` (virtual-alexa): ${percent(va.filter((outcome) => outcome.exactVa).length, va.length)}; exact (ours)` : ''}: ${percent(outcomes.filter((outcome) => outcome.exactOwn).length, outcomes.length)}; tolerant: ${percent(outcomes.filter((outcome) => outcome.tolerant).length, outcomes.length)}`,
        `- red flags safe: ${redFlags.filter((outcome) => outcome.safe).length}/${redFlags.length}; all safety phrasings safe: ${safety.filter((outcome) => outcome.safe).length}/${safety.length}`,
        `- negations alarmed: ${negations.filter((outcome) => !outcome.safe).length}/${negations.length}; remedies for a red-flag compound: ${compounds.filter((outcome) => outcome.remedyForRedFlag).length}/${compounds.length}`,
        '',
        'By locale:',
        '',
        table(groupBy(outcomes, (outcome) => outcome.phrasing.locale), useVa),
        '',
        'By capability:',
        '',
        table(groupBy(outcomes, (outcome) => outcome.phrasing.expect), useVa),
      ].join('\n'),
    );
    if (values['exact-misses']) {
      for (const outcome of outcomes.filter((item) => !item.exactOwn)) {
        process.stderr.write(`${outcome.phrasing.locale} [${outcome.phrasing.expect}] "${outcome.phrasing.text}" -> ${outcome.heard}\n`);
      }
    }
    if (values.misses) {
      for (const outcome of outcomes.filter((item) => !item.tolerant || item.safe === false)) {
        process.stderr.write(`${outcome.phrasing.locale} [${outcome.phrasing.expect}] "${outcome.phrasing.text}" -> ${outcome.heard} ${outcome.safe === false ? 'UNSAFE' : ''}: ${outcome.speech.slice(0, 90)}\n`);
      }
    }
  }
  await emulator.close();
  const report = [`## NLU report (${new Date().toISOString().slice(0, 10)}, tools/nlu/report.ts)`, '', ...sections].join('\n\n');
  process.stdout.write(`${report}\n`);
  writeFileSync(values.out ?? join(setDir, 'REPORT.md'), `${report}\n`);
  const failures = everything.filter((outcome) => outcome.safe === false).length;
  process.stdout.write(`\n${everything.length} phrasings, ${failures} not safe.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
