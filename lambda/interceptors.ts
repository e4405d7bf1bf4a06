import { getIntentName, getRequestType, type RequestInterceptor, type ResponseInterceptor } from 'ask-sdk-core';
import { translatorFor } from './i18n';
import { contentLocale, languageOf, numbersFor, type LocaleNumbers, type SupportedLocale } from './locales';
import { describeError } from './logger';
import { withinDeadline } from './deadline';
import {
  classifyRecord,
  PERSON_FIELDS,
  personChanges,
  STORAGE_CALL_CAP_MS,
  type PersonChanges,
  type PersonField,
  type PersonStore,
  type StoredPerson,
} from './persistence/personStore';
import { readPersonState, type PersonState } from './personState';
import { requestContext, sessionState, setRequestContext, type SessionState, type SkillServices, type Words } from './requestContext';
import { isSilentRequest } from './handlers/skillEvents';
import { numberMark } from './speech';

/** The person as read at the start of a request, to find what handlers changed. */
interface Snapshot {
  readonly person: PersonState;
  /** Fields the store holds but could not read: written only if a handler sets them. */
  readonly invalid: readonly PersonField[];
}
const snapshots = new WeakMap<object, Snapshot>();

function copyOf(person: PersonState): PersonState {
  const copy: PersonState = { ...person };
  if (person.position) copy.position = { ...person.position };
  if (person.reminderTokens) copy.reminderTokens = [...person.reminderTokens];
  return copy;
}

function fieldsOf(value: unknown): PersonField[] {
  return Array.isArray(value) ? PERSON_FIELDS.filter((field) => value.includes(field)) : [];
}

/** What the store is left holding invalid after these changes: whatever they did not write. */
function stillInvalid(invalid: readonly PersonField[], changes: PersonChanges | undefined): PersonField[] {
  if (!changes) return [...invalid];
  return invalid.filter((field) => !(field in changes.set) && !changes.remove.includes(field));
}

interface LoadedPerson {
  person: PersonState;
  invalid: PersonField[];
  /** False when nothing may be written this turn: the read failed, or the record is unreadable. */
  writable: boolean;
}

/**
 * The person's state for this request: carried in the session after its first request, read
 * from storage otherwise. A failed read serves the person as new and writes nothing; the next
 * turn tries again. An unreadable record is never written over: the person is served as new
 * for the rest of the session, which the session remembers, and nothing is written.
 */
async function loadPerson(store: PersonStore | undefined, services: SkillServices, handlerInput: Parameters<RequestInterceptor['process']>[0], session: SessionState): Promise<LoadedPerson> {
  const envelope = handlerInput.requestEnvelope;
  const carried = envelope.session?.new === false ? session.person : undefined;
  if (typeof carried === 'object' && carried !== null) {
    return { person: readPersonState(carried), invalid: fieldsOf(session.personInvalid), writable: session.personReadOnly !== true };
  }
  // Events that never speak or change state (a skill disabled, audio player reports) need no read.
  if (isSilentRequest(envelope)) return { person: {}, invalid: [], writable: true };
  try {
    const stored = store ? await store.read(envelope) : await readThroughSdk(handlerInput);
    if (stored.kind === 'found') return { person: stored.person, invalid: [...stored.invalidFields], writable: true };
    if (stored.kind === 'missing') return { person: {}, invalid: [], writable: true };
    // No user id and nothing of the record's contents: only why it could not be read.
    services.logger.log('warn', 'stored record unreadable: kept as it is, the person served as new, nothing written this session', { reason: stored.reason });
    session.personReadOnly = true;
    return { person: {}, invalid: [], writable: false };
  } catch (error) {
    services.logger.log('warn', 'storage read failed', describeError(error));
    return { person: {}, invalid: [], writable: false };
  }
}

// Both maps are bounded: locales and emergency numbers come from small fixed sets, and a
// request could otherwise make up keys (a sentence asked for that does not exist).
const MAX_PLACES = 64;
const MAX_PHRASES = 512;
const wordsByPlace = new Map<string, Words>();

/**
 * The words for a content locale, with the numbers of where the person is filled into every
 * sentence ({{emergency}}, {{crisis}}, {{nonUrgent}}). Content does not change while the
 * skill runs, so each sentence asked for without values of its own is rendered once.
 */
function wordsFor(locale: SupportedLocale, numbers: LocaleNumbers, requestLocale: string): Words {
  const place = `${locale}|${requestLocale}`;
  const known = wordsByPlace.get(place);
  if (known) return known;
  const translate = translatorFor(locale);
  const fill = {
    emergency: numbers.emergency ? numberMark(numbers.emergency) : translate('numbers.unknownEmergency'),
    crisis: numbers.crisis ? numberMark(numbers.crisis) : '',
    nonUrgent: numbers.nonUrgent ? numberMark(numbers.nonUrgent) : '',
  };
  const phrases = new Map<string, string>();
  const words: Words = (key, values) => {
    if (values !== undefined) return translate(key, { ...fill, ...values });
    let phrase = phrases.get(key);
    if (phrase === undefined) {
      phrase = translate(key, fill);
      if (phrases.size < MAX_PHRASES) phrases.set(key, phrase);
    }
    return phrase;
  };
  if (wordsByPlace.size < MAX_PLACES) wordsByPlace.set(place, words);
  return words;
}

/** Without a store of its own, the interceptor reads through the SDK's AttributesManager. */
async function readThroughSdk(handlerInput: Parameters<RequestInterceptor['process']>[0]): Promise<StoredPerson> {
  const attributes = await withinDeadline(() => handlerInput.attributesManager.getPersistentAttributes(), 'storage', STORAGE_CALL_CAP_MS);
  return Object.keys(attributes).length === 0 ? { kind: 'missing' } : classifyRecord(attributes);
}

/**
 * Runs first on every request: picks the locale, binds the words, loads the person's
 * saved state once, and takes the pending yes/no question off the session. The store is the
 * one createSkill wires; without one, state is read through the SDK's AttributesManager.
 */
export function loadRequestContext(services: SkillServices, store?: PersonStore): RequestInterceptor {
  return {
    async process(handlerInput) {
      const startedAt = Date.now();
      const session = sessionState(handlerInput);
      const pending = session.pending;
      delete session.pending;
      // The storage read goes out first; the words are worked out while it is on its way.
      const loading = loadPerson(store, services, handlerInput, session);

      const requestLocale: unknown = handlerInput.requestEnvelope.request?.locale;
      const locale = contentLocale(requestLocale);
      const numbers = numbersFor(requestLocale);
      // Only a locale the registry knows names a place; anything else shares one entry.
      const t = wordsFor(locale, numbers, numbers.emergency ? String(requestLocale) : '');

      const loaded = await loading;
      snapshots.set(handlerInput.requestEnvelope, { person: copyOf(loaded.person), invalid: loaded.invalid });

      setRequestContext(handlerInput, {
        locale,
        language: languageOf(locale),
        numbers,
        t,
        person: loaded.person,
        storageReadable: loaded.writable,
        pending,
        services,
        startedAt,
        forgotten: false,
        deletedTokens: [],
        outcome: 'ok',
      });
    },
  };
}

/** Changes that also take out of storage the tokens of reminders deleted this turn. */
function withDeletedTokens(changes: PersonChanges | undefined, deleted: readonly string[], kept: readonly string[] = [], storedAsSet = true): PersonChanges | undefined {
  const extra = deleted.filter((token) => !kept.includes(token) && !(changes?.deleteTokens.includes(token) ?? false));
  // Tokens stored as something other than a set are not taken out one by one.
  if (extra.length === 0 || !storedAsSet) return changes;
  // A set written whole already holds exactly what is kept.
  if (changes?.set.reminderTokens !== undefined || changes?.remove.includes('reminderTokens')) return changes;
  const base: PersonChanges = changes ?? { set: {}, remove: [], addTokens: [], deleteTokens: [] };
  return { ...base, deleteTokens: [...base.deleteTokens, ...extra] };
}

/**
 * Runs last on every request: writes just the fields of the person's state that handlers
 * changed (never a field they did not touch, so another device's changes survive), and only
 * if storage was readable, so an outage or an unreadable record is never written over. Then
 * logs one line about the request without personal data.
 */
export function saveStateAndLog(store: PersonStore): ResponseInterceptor {
  return {
    async process(handlerInput) {
      const context = requestContext(handlerInput);
      const snapshot = snapshots.get(handlerInput.requestEnvelope) ?? { person: {}, invalid: [] };
      const changes = withDeletedTokens(
        personChanges(snapshot.person, context.person, snapshot.invalid),
        context.deletedTokens,
        context.person.reminderTokens,
        !snapshot.invalid.includes('reminderTokens'),
      );
      let saved = 'unchanged';
      if (changes && context.storageReadable && !context.forgotten) {
        try {
          await store.update(handlerInput.requestEnvelope, changes);
          saved = 'saved';
        } catch (error) {
          saved = 'failed';
          context.services.logger.log('error', 'storage write failed', describeError(error));
        }
      } else if (changes) {
        saved = 'skipped';
      }
      // Carry the person to the session's next turn, so it need not read storage. After a
      // failed read or write (or forget me) carry nothing: the next turn reads afresh. A session
      // that found the record unreadable carries its own copy and keeps writing nothing.
      const session = sessionState(handlerInput);
      const readOnly = session.personReadOnly === true && !context.forgotten;
      if (readOnly || (context.storageReadable && !context.forgotten && (saved === 'saved' || saved === 'unchanged'))) {
        session.person = context.person;
        const invalid = stillInvalid(snapshot.invalid, saved === 'saved' ? changes : undefined);
        if (invalid.length > 0) session.personInvalid = invalid;
        else delete session.personInvalid;
      } else {
        delete session.person;
        delete session.personInvalid;
      }
      if (!readOnly) delete session.personReadOnly;
      const envelope = handlerInput.requestEnvelope;
      const requestType = getRequestType(envelope);
      context.services.logger.log(context.outcome === 'ok' ? 'info' : 'error', 'request', {
        requestId: envelope.request.requestId,
        requestType,
        intent: requestType === 'IntentRequest' ? getIntentName(envelope) : undefined,
        locale: context.locale,
        latencyMs: Date.now() - context.startedAt,
        outcome: context.outcome,
        state: saved,
      });
    },
  };
}
