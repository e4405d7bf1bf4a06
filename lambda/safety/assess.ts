import { getRequestType, type HandlerInput } from 'ask-sdk-core';
import { type IntentRequest } from 'ask-sdk-model';
import { languagePack } from '../i18n';
import { protocol, redFlagUrgency } from '../protocol';
import { resolvedSlotId } from '../requestReading';
import { SignReader, type SignReading, type SignWordsData } from './signWords';

/**
 * What the person's words say about their safety, decided before anything else is
 * answered. It comes from the intent Alexa matched and from every slot value it heard:
 * a red flag caught inside another request ("how do I use ice, also I wet myself") or
 * in speech Alexa could not resolve still wins.
 */
export type SafetyFinding =
  | { readonly kind: 'distress' }
  | { readonly kind: 'urgent'; readonly sign: string }
  | { readonly kind: 'doctor'; readonly sign: string }
  /** Numbness or tingling, with where not said. */
  | { readonly kind: 'numbness' }
  | { readonly kind: 'medicineStop' }
  | { readonly kind: 'medicine' }
  /** "Can medication cause back spasms?": the cause, not advice on a medicine. */
  | { readonly kind: 'medicineCause' }
  /** Signs mentioned only to deny them: reassurance, never an alarm. */
  | { readonly kind: 'denied'; readonly signs: readonly string[] }
  /** Caught speech that names no sign but asks for help with the back: the steps. */
  | { readonly kind: 'treatment' }
  /** The red-flag intent caught speech with no sign in it: treated as not understood. */
  | { readonly kind: 'nothing' };

const readers = new Map<string, SignReader>();

export function signReader(language: string): SignReader {
  let reader = readers.get(language);
  if (!reader) {
    reader = new SignReader(languagePack(language).signs as SignWordsData);
    readers.set(language, reader);
  }
  return reader;
}

/** The most pressing thing a reading holds, or undefined when it holds nothing. */
export function findingOf(reading: SignReading): SafetyFinding | undefined {
  const present = reading.present;
  if (present.includes('distress')) return { kind: 'distress' };
  const urgent = protocol.redFlags.urgent.find((sign) => present.includes(sign));
  if (urgent) return { kind: 'urgent', sign: urgent };
  const doctor = protocol.redFlags.doctor.find((sign) => present.includes(sign));
  if (doctor) return { kind: 'doctor', sign: doctor };
  if (present.includes('numbness')) return { kind: 'numbness' };
  if (present.includes('medicineStop')) return { kind: 'medicineStop' };
  if (present.includes('medicineCause')) return { kind: 'medicineCause' };
  if (present.includes('medicine')) return { kind: 'medicine' };
  if (reading.denied.length > 0) return { kind: 'denied', signs: reading.denied };
  if (present.includes('wantsTreatment')) return { kind: 'treatment' };
  return undefined;
}

/** Intents whose meaning is itself a safety finding. */
const SAFETY_INTENTS: Readonly<Record<string, SafetyFinding>> = {
  DistressIntent: { kind: 'distress' },
  MedicineIntent: { kind: 'medicine' },
  StopMedicineIntent: { kind: 'medicineStop' },
  NoSymptomIntent: { kind: 'denied', signs: [] },
  RedFlagIntent: { kind: 'nothing' },
};

/**
 * The words of slots worth reading for signs: in a safety intent every slot; in any other,
 * only custom-slot words Alexa could not resolve (a resolved value is a known phrase of that
 * slot's own kind, such as "medication" as a cause; built-in slots hold times and numbers).
 */
function slotTexts(request: IntentRequest, safetyIntent: boolean): HeardText[] {
  return Object.values(request.intent.slots ?? {})
    .filter((slot) => {
      if (safetyIntent) return true;
      const authorities = slot?.resolutions?.resolutionsPerAuthority ?? [];
      return authorities.length > 0 && authorities.every((authority) => authority.status?.code !== 'ER_SUCCESS_MATCH');
    })
    .flatMap((slot): HeardText[] => {
      const text = slot?.value;
      if (typeof text !== 'string' || text.trim() === '') return [];
      return [{ text, negated: !safetyIntent && protocol.negatedSlots.includes(slot.name) }];
    });
}

/** Words of one slot, and whether the sample put a negation right before them. */
interface HeardText {
  readonly text: string;
  readonly negated: boolean;
}

const URGENCY_ORDER: Readonly<Record<SafetyFinding['kind'], number>> = {
  distress: 0,
  urgent: 1,
  doctor: 2,
  numbness: 3,
  medicineStop: 4,
  medicineCause: 5,
  medicine: 6,
  denied: 7,
  treatment: 8,
  nothing: 9,
};

function isWarning(finding: SafetyFinding | undefined): boolean {
  return finding !== undefined && URGENCY_ORDER[finding.kind] <= URGENCY_ORDER.medicine;
}

function moreUrgent(a: SafetyFinding | undefined, b: SafetyFinding | undefined): SafetyFinding | undefined {
  if (!a) return b;
  if (!b) return a;
  return URGENCY_ORDER[b.kind] < URGENCY_ORDER[a.kind] ? b : a;
}

const assessed = new WeakMap<object, SafetyFinding | undefined>();

/**
 * The safety finding of an intent request, or undefined when it is an ordinary request.
 * A denial inside an ordinary request ("I don't have a fever, how long do I ice it") is
 * no finding: the request is answered as asked.
 */
export function assessSafety(handlerInput: HandlerInput, language: string): SafetyFinding | undefined {
  const envelope = handlerInput.requestEnvelope;
  if (assessed.has(envelope)) return assessed.get(envelope);
  let finding: SafetyFinding | undefined;
  if (getRequestType(envelope) === 'IntentRequest') {
    const request = envelope.request as IntentRequest;
    const name = request.intent?.name ?? '';
    const fromIntent = Object.hasOwn(SAFETY_INTENTS, name) ? SAFETY_INTENTS[name] : undefined;
    // signReader compiles a language's sign words at its first call (~20 ms of a cold start), so
    // it is called only where there are words to read: most requests ("next", "yes") carry none.
    const reader = (): SignReader => signReader(language);
    let fromWords: SafetyFinding | undefined;
    const denial = name === 'NoSymptomIntent';
    const readOne = (text: string): SafetyFinding | undefined => findingOf(denial ? reader().readDenied(text) : reader().read(text));
    const heard = slotTexts(request, fromIntent !== undefined);
    for (const { text, negated } of heard) {
      // "I don't have {a fever, it's just my back}" denies; "I don't have {any feeling in my
      // legs}" is a sign said with the negation: read with it put back. (Negated slots are in
      // ordinary intents, where only a warning becomes a finding.)
      fromWords = moreUrgent(fromWords, negated ? findingOf(reader().readDenied(text)) : readOne(text));
    }
    const texts = heard.filter(({ negated }) => !negated).map(({ text }) => text);
    if (texts.length > 1) {
      // A sign Alexa split across two slots ("no feeling" | "in my bottom") is read whole too;
      // only a warning is taken from it, so joining never turns an alarm into reassurance.
      const joined = readOne(texts.join(' '));
      if (isWarning(joined)) fromWords = moreUrgent(fromWords, joined);
    }
    if (name === 'RedFlagIntent' && fromWords?.kind !== 'denied') {
      // Alexa resolved the sign: the more urgent of that and what the words say.
      const sign = resolvedSlotId(handlerInput, 'symptom');
      const urgency = sign === undefined ? undefined : redFlagUrgency(sign);
      if (sign !== undefined && urgency !== undefined) {
        const resolved: SafetyFinding = { kind: urgency, sign };
        fromWords = isWarning(fromWords) ? moreUrgent(fromWords, resolved) : resolved;
      }
    }
    const heardWords = slotTexts(request, true).length > 0;
    if (denial && heardWords && fromWords?.kind !== 'denied' && !isWarning(fromWords)) {
      // Words after "I don't have..." that deny no sign we know: not understood, never reassured.
      finding = { kind: 'nothing' };
    } else if (fromIntent) {
      if (isWarning(fromWords)) finding = moreUrgent(fromIntent, fromWords);
      else if (fromWords?.kind === 'denied' && (name === 'RedFlagIntent' || denial)) finding = fromWords;
      else if (fromWords?.kind === 'treatment' && name === 'RedFlagIntent') finding = fromWords;
      else finding = fromIntent;
    } else if (isWarning(fromWords)) {
      finding = fromWords;
    }
  }
  assessed.set(envelope, finding);
  return finding;
}
