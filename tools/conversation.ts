import { type Skill } from 'ask-sdk-core';
import { type Directive, type Intent, type RequestEnvelope, type ResponseEnvelope, type ui } from 'ask-sdk-model';
import { systemClock, type Clock } from '../lambda/clock';
import {
  connectionsResponse,
  envelope,
  intentRequest,
  launchRequest,
  newSessionId,
  sessionEndedRequest,
  userEventRequest,
  type Caller,
  type SessionInfo,
} from './envelopes';
import { type ScreenData } from '../lambda/screens/screen';
import { type Device } from './devices';
import { asSpoken, type TypingHabits } from './nlu/asSpoken';
import { matcherFor } from './nlu/interactionModel';
import { type UtteranceMatcher } from './nlu/matcher';

/** One exchange: what was sent, what came back, and the parts a person perceives. */
export interface Turn {
  readonly request: RequestEnvelope;
  readonly response: ResponseEnvelope;
  /** The intent Alexa would have matched, for an IntentRequest. */
  readonly intent?: string;
  readonly ssml: string;
  /** The speech as a person hears it: tags gone, digits read out as written. */
  readonly speech: string;
  readonly reprompt?: string;
  readonly card?: { readonly title: string; readonly content: string };
  readonly directives: readonly Directive[];
  /** What the screen shows, for a device with one: the APL document and its datasources. */
  readonly screen?: { readonly token: string; readonly document: unknown; readonly datasources: { readonly payload: { readonly screen: ScreenData } } };
  /** The session ended with this response. */
  readonly ended: boolean;
}

export interface ConversationOptions {
  readonly skill: Skill;
  readonly locale?: string;
  readonly userId?: string;
  readonly deviceId?: string;
  readonly skillId?: string;
  readonly clock?: Clock;
  readonly apiEndpoint?: string;
  /** The bearer token Alexa would put in the envelope; a function so it can change per request. */
  readonly apiAccessToken?: string | (() => string);
  readonly consentToken?: () => string | undefined;
  readonly matcher?: UtteranceMatcher;
  /**
   * Alexa's side of a voice permission request: called with the person's answer
   * before the skill hears it, so a local emulator can record the grant.
   */
  readonly onPermissionAnswer?: (scope: string, status: PermissionStatus) => void;
  /** The device spoken to (default: one without a screen). */
  readonly device?: Device;
}

export type PermissionStatus = 'ACCEPTED' | 'DENIED' | 'NOT_ANSWERED';

/** Alexa's own question when a skill asks for a permission by voice. */
export interface PermissionRequest {
  readonly scope: string;
  readonly token: string;
}

export function speechText(ssml: string | undefined): string {
  return (ssml ?? '')
    // A number's marks stand inside the words: in a language written without spaces they must not add one.
    .replace(/<\/?(?:say-as|sub)\b[^>]*>/g, '')
    // A tag reads as a space, but not before the punctuation that follows it ("911</say-as>.");
    // a space the words themselves put before punctuation (French "Étape 1 sur 4 :") is kept.
    .replace(/\s*<[^>]+>\s*(?=[.,:;?!،؛؟。、，！？])/gu, '')
    // Nor beside a character of a script written without spaces ("すぐ<say-as>119</say-as>へ").
    .replace(/(?<=[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef])<[^>]+>|<[^>]+>(?=[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef])/gu, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Talks to the skill the way the Alexa service does: typed text goes through the
 * locale's real interaction model, requests are real envelopes, and the session
 * (its id and attributes) is carried between turns until a response ends it.
 */
export class Conversation {
  readonly locale: string;
  readonly matcher: UtteranceMatcher;
  private session: SessionInfo | undefined;
  /** The token of the document on screen, which a touch sends back. */
  private screenToken: string | undefined;
  private eliciting: { intent: Intent; slotName: string } | undefined;
  /** Set while Alexa is asking the person for a permission the skill requested. */
  permissionRequest: PermissionRequest | undefined;
  private readonly clock: Clock;

  constructor(private readonly options: ConversationOptions) {
    this.locale = options.locale ?? 'en-US';
    this.clock = options.clock ?? systemClock;
    this.matcher = options.matcher ?? matcherFor(this.locale);
  }

  get sessionOpen(): boolean {
    return this.session !== undefined;
  }

  /** Whether text opens the skill ("open back spasm helper", "ask back spasm helper ..."). */
  isInvocation(text: string): boolean {
    return this.matcher.invocationOf(text) !== undefined;
  }

  /** Typed text as speech recognition would have written it ("cant" -> "can't", "2" -> "two"). */
  asSpoken(text: string): string {
    return asSpoken(text, this.matcher.words.language, this.matcher.words.spoken as TypingHabits);
  }

  caller(): Caller {
    const token = this.options.apiAccessToken;
    return {
      skillId: this.options.skillId ?? 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
      userId: this.options.userId ?? 'amzn1.ask.account.LOCALTESTUSER',
      deviceId: this.options.deviceId ?? 'amzn1.ask.device.LOCALTESTDEVICE',
      locale: this.locale,
      apiEndpoint: this.options.apiEndpoint ?? 'https://api.amazonalexa.com',
      apiAccessToken: typeof token === 'function' ? token() : (token ?? 'local-access-token'),
      consentToken: this.options.consentToken?.(),
      device: this.options.device,
    };
  }

  /** "Alexa, open back spasm helper". */
  launch(): Promise<Turn> {
    this.session = undefined;
    return this.send(launchRequest(this.locale, this.clock.now()));
  }

  /**
   * Something the person says. Outside a session it may be an invocation ("open ...",
   * "ask back spasm helper ..."); a bare phrase then acts as a one-shot request.
   */
  async say(text: string): Promise<Turn> {
    if (this.permissionRequest) {
      return this.answerPermission(this.matcher.approves(text) ? 'ACCEPTED' : 'DENIED');
    }
    if (!this.session) {
      const invocation = this.matcher.invocationOf(text);
      if (invocation?.kind === 'launch') return this.launch();
      if (invocation?.kind === 'oneShot') return this.ask(invocation.utterance);
    }
    return this.ask(text);
  }

  /**
   * A one-shot request in any language ("Alexa, ask back spasm helper <utterance>"): a new
   * session whose first request is the utterance, as Alexa sends it.
   */
  oneShot(utterance: string): Promise<Turn> {
    this.session = undefined;
    this.eliciting = undefined;
    return this.ask(utterance);
  }

  /** The person touches a button on the skill's screen: the event it was made to send. */
  touch(args: readonly unknown[], token = this.screenToken ?? ''): Promise<Turn> {
    return this.send(userEventRequest(this.locale, this.clock.now(), token, args));
  }

  /** The person says nothing after the reprompt: Alexa ends the session. */
  async silence(): Promise<Turn | undefined> {
    if (this.permissionRequest) return this.answerPermission('NOT_ANSWERED');
    if (!this.session) return undefined;
    return this.send(sessionEndedRequest(this.locale, this.clock.now(), 'EXCEEDED_MAX_REPROMPTS'));
  }

  /** The person answers Alexa's permission question; Alexa tells the skill. */
  answerPermission(status: PermissionStatus): Promise<Turn> {
    const asked = this.permissionRequest;
    if (!asked) throw new Error('Alexa is not asking for a permission');
    this.permissionRequest = undefined;
    this.options.onPermissionAnswer?.(asked.scope, status);
    return this.send(
      connectionsResponse(this.locale, this.clock.now(), 'AskFor', asked.token, { permissionScope: asked.scope, status }),
    );
  }

  private ask(text: string): Promise<Turn> {
    const eliciting = this.eliciting;
    const match = this.matcher.match(text, eliciting);
    const dialogState = eliciting && match.intent.name === eliciting.intent.name ? 'IN_PROGRESS' : undefined;
    return this.send(intentRequest(this.locale, this.clock.now(), match.intent, dialogState));
  }

  /** Sends any request in the current session (or a new one) and carries the session on. */
  async send(request: RequestEnvelope['request']): Promise<Turn> {
    const opening = request.type === 'LaunchRequest' || request.type === 'IntentRequest' || request.type === 'Alexa.Presentation.APL.UserEvent';
    if (!this.session && opening) this.session = { sessionId: newSessionId(), isNew: true, attributes: {} };
    const sent = envelope(this.caller(), request, this.session);
    const response = await this.options.skill.invoke(sent);
    const body = response.response;
    const directives = body.directives ?? [];
    const elicit = directives.find((directive) => directive.type === 'Dialog.ElicitSlot') as
      | { updatedIntent?: Intent; slotToElicit: string }
      | undefined;
    const askFor = directives.find(
      (directive) => directive.type === 'Connections.SendRequest' && (directive as { name?: string }).name === 'AskFor',
    ) as { token?: string; payload?: { permissionScopes?: { permissionScope?: string }[] } } | undefined;
    this.permissionRequest = askFor
      ? { scope: askFor.payload?.permissionScopes?.[0]?.permissionScope ?? '', token: askFor.token ?? '' }
      : undefined;
    // While Alexa asks for a permission the session is suspended, then resumed for the answer.
    const ended = request.type === 'SessionEndedRequest' || (body.shouldEndSession !== false && !askFor);
    this.eliciting = elicit && !ended ? { intent: elicit.updatedIntent ?? (request as { intent: Intent }).intent, slotName: elicit.slotToElicit } : undefined;
    this.session = ended
      ? undefined
      : { sessionId: sent.session?.sessionId ?? newSessionId(), isNew: false, attributes: response.sessionAttributes ?? {} };
    const outputSsml = (body.outputSpeech as { ssml?: string } | undefined)?.ssml ?? '';
    const repromptSsml = (body.reprompt?.outputSpeech as { ssml?: string } | undefined)?.ssml;
    const card = body.card as ui.SimpleCard | undefined;
    const screen = directives.find((directive) => directive.type === 'Alexa.Presentation.APL.RenderDocument') as Turn['screen'] | undefined;
    if (screen) this.screenToken = screen.token;
    return {
      request: sent,
      response,
      intent: request.type === 'IntentRequest' ? request.intent.name : undefined,
      ssml: outputSsml,
      speech: speechText(outputSsml),
      reprompt: repromptSsml === undefined ? undefined : speechText(repromptSsml),
      card: card?.type === 'Simple' ? { title: card.title ?? '', content: card.content ?? '' } : undefined,
      directives,
      screen,
      ended,
    };
  }
}
