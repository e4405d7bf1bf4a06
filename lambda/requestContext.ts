import { type HandlerInput } from 'ask-sdk-core';
import { type Clock } from './clock';
import { type LocaleNumbers, type SupportedLocale } from './locales';
import { type Logger } from './logger';
import { type PersonState } from './personState';
import { type Say } from './speech';

/** Looks up the words for a content key; values fill its {{placeholders}}. */
export type Words = (key: string, values?: Record<string, string | number>) => string;

/** A yes/no question the skill asked in its last response, answered in this turn. */
export type PendingQuestion =
  | { readonly kind: 'resume' }
  | { readonly kind: 'forgetMe' }
  | { readonly kind: 'timerInstead'; readonly compress: string }
  | { readonly kind: 'coldReminder'; readonly at: number }
  /** The person asked for a compress out of the guide's order (warm during cold, cold after warm). */
  | { readonly kind: 'compressAnyway'; readonly compress: string };

/** What the skill keeps in the Alexa session between turns. */
export interface SessionState {
  pending?: PendingQuestion;
  lastSay?: Say;
  /**
   * The person's stored state as of the last turn, so that only a session's first request
   * reads storage; every change is still written to storage at once.
   */
  person?: unknown;
  /** Fields of the stored record that could not be read; written only if a handler sets them. */
  personInvalid?: string[];
  /** Set when the stored record was unreadable: this session writes nothing. */
  personReadOnly?: true;
}

/** The services every handler may use, chosen once in createSkill. */
export interface SkillServices {
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long an Alexa service API call may take before we answer without it. */
  readonly apiTimeoutMs: number;
}

/** Everything about the current request that the interceptors prepared for handlers. */
export interface RequestContext {
  /** The locale whose words are spoken. */
  readonly locale: SupportedLocale;
  readonly language: string;
  /** The emergency, crisis and non-urgent numbers of the request's own locale. */
  readonly numbers: LocaleNumbers;
  /** The words for a content key in this locale, with timings and the emergency number filled in. */
  readonly t: Words;
  /** The person's saved state; handlers change it in place and it is saved if changed. */
  person: PersonState;
  /** False when the saved state could not be read: then nothing is written back. */
  readonly storageReadable: boolean;
  /** The question asked last turn, if any; cleared unless a handler asks again. */
  readonly pending: PendingQuestion | undefined;
  readonly services: SkillServices;
  readonly startedAt: number;
  /** Set when the person's record was deleted this turn, so nothing is written back. */
  forgotten: boolean;
  /**
   * Reminder tokens deleted through the Reminders API this turn. Another device may have
   * stored them after this session read the record, so they are taken out of storage by
   * name, not only by what this turn's copy of the person held.
   */
  readonly deletedTokens: string[];
  outcome: 'ok' | 'error';
}

const CONTEXT_KEY = 'backSpasmHelper';

export function setRequestContext(handlerInput: HandlerInput, context: RequestContext): void {
  handlerInput.attributesManager.getRequestAttributes()[CONTEXT_KEY] = context;
}

/** The request context, or undefined when the load interceptor did not get to build it. */
export function findRequestContext(handlerInput: HandlerInput): RequestContext | undefined {
  return handlerInput.attributesManager.getRequestAttributes()[CONTEXT_KEY] as RequestContext | undefined;
}

export function requestContext(handlerInput: HandlerInput): RequestContext {
  const context = findRequestContext(handlerInput);
  if (!context) throw new Error('request context missing: the load interceptor did not run');
  return context;
}

export function sessionState(handlerInput: HandlerInput): SessionState {
  // Requests outside a session (e.g. some events) have no session attributes to keep.
  if (!handlerInput.requestEnvelope.session) return {};
  return handlerInput.attributesManager.getSessionAttributes() as SessionState;
}

/** Asks a yes/no question: the next turn's Yes/No handlers read it. */
export function askQuestion(handlerInput: HandlerInput, question: PendingQuestion): void {
  sessionState(handlerInput).pending = question;
}
