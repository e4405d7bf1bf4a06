import { getIntentName, getRequestType, type RequestInterceptor, type ResponseInterceptor } from 'ask-sdk-core';
import { translatorFor } from './i18n';
import { contentLocale, languageOf, numbersFor, type LocaleNumbers, type SupportedLocale } from './locales';
import { describeError } from './logger';
import { readPersonState, type PersonState } from './personState';
import { requestContext, sessionState, setRequestContext, type SkillServices, type Words } from './requestContext';
import { numberMark } from './speech';
import { withTimeout } from './withTimeout';

const STORAGE_TIMEOUT_MS = 2500;
const snapshots = new WeakMap<object, string>();

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

/**
 * Runs first on every request: picks the locale, binds the words, loads the person's
 * saved state once, and takes the pending yes/no question off the session.
 */
export function loadRequestContext(services: SkillServices): RequestInterceptor {
  return {
    async process(handlerInput) {
      const startedAt = Date.now();
      const requestLocale: unknown = handlerInput.requestEnvelope.request?.locale;
      const locale = contentLocale(requestLocale);
      const numbers = numbersFor(requestLocale);
      // Only a locale the registry knows names a place; anything else shares one entry.
      const t = wordsFor(locale, numbers, numbers.emergency ? String(requestLocale) : '');

      const session = sessionState(handlerInput);
      const pending = session.pending;
      delete session.pending;

      let person: PersonState = {};
      let storageReadable = true;
      const carried = handlerInput.requestEnvelope.session?.new === false ? session.person : undefined;
      if (typeof carried === 'object' && carried !== null) {
        person = readPersonState(carried);
      } else {
        try {
          person = readPersonState(
            await withTimeout(handlerInput.attributesManager.getPersistentAttributes(), STORAGE_TIMEOUT_MS, 'storage'),
          );
        } catch (error) {
          storageReadable = false;
          services.logger.log('warn', 'storage read failed', describeError(error));
        }
      }
      snapshots.set(handlerInput.requestEnvelope, JSON.stringify(person));

      setRequestContext(handlerInput, {
        locale,
        language: languageOf(locale),
        numbers,
        t,
        person,
        storageReadable,
        pending,
        services,
        startedAt,
        forgotten: false,
        outcome: 'ok',
      });
    },
  };
}

/**
 * Runs last on every request: writes the person's state back only if it changed (and
 * only if it was readable, so a storage outage never overwrites what was saved), then
 * logs one line about the request without personal data.
 */
export function saveStateAndLog(): ResponseInterceptor {
  return {
    async process(handlerInput) {
      const context = requestContext(handlerInput);
      const changed = snapshots.get(handlerInput.requestEnvelope) !== JSON.stringify(context.person);
      let saved = 'unchanged';
      if (changed && context.storageReadable && !context.forgotten) {
        try {
          handlerInput.attributesManager.setPersistentAttributes({ ...context.person });
          await withTimeout(handlerInput.attributesManager.savePersistentAttributes(), STORAGE_TIMEOUT_MS, 'storage');
          saved = 'saved';
        } catch (error) {
          saved = 'failed';
          context.services.logger.log('error', 'storage write failed', describeError(error));
        }
      } else if (changed) {
        saved = 'skipped';
      }
      // Carry what storage now holds to the session's next turn; after a failed or skipped
      // write (or forget me) carry nothing, so the next turn reads storage afresh.
      const session = sessionState(handlerInput);
      if (context.storageReadable && !context.forgotten && (saved === 'saved' || saved === 'unchanged')) {
        session.person = context.person;
      } else {
        delete session.person;
      }
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
