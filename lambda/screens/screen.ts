import { type RequestEnvelope } from 'ask-sdk-model';
import { itemParts, protocol, topicItems, type CompressKind, type TopicId } from '../protocol';
import { type RequestContext } from '../requestContext';
import { toPlainText } from '../speech';
import document from '../../screens/document.json';

/**
 * What a handler wants shown on a screen, by meaning; the words come from the same content
 * keys as the speech, filled in here, in one place (screens/document.json draws them).
 * - item: one step, cause, symptom or tip ("Step 2 of 4", its title, the few words of what
 *   to do, progress, and Back / Repeat / Next / Start timer);
 * - overview: a topic's items, before the walk;
 * - urgent / doctor / crisis: the number to call, large, with nothing competing;
 * - timer: which compress runs, and when it comes off;
 * - welcome / help: what to say;
 * - text: the spoken answer, as text (facts, the end of a walk, anything else).
 */
export type Screen =
  | { readonly kind: 'item'; readonly topic: TopicId; readonly index: number; readonly part: number }
  | { readonly kind: 'overview'; readonly topic: TopicId }
  | { readonly kind: 'urgent' }
  | { readonly kind: 'doctor' }
  | { readonly kind: 'crisis' }
  | { readonly kind: 'timer'; readonly compress: CompressKind; readonly label: string; readonly minutes: number }
  | { readonly kind: 'welcome' }
  | { readonly kind: 'help' }
  | { readonly kind: 'text' };

/** A touch target: what it says, and the event it sends (lambda/screens/touch.ts reads it). */
export interface ScreenButton {
  readonly text: string;
  readonly args: readonly string[];
  readonly primary: boolean;
  /** Shown on a round screen too (Echo Spot), which has room for the one or two that matter most. */
  readonly onRound: boolean;
}

/** The one datasource the document reads (payload.screen). */
export interface ScreenData {
  readonly kind: 'item' | 'overview' | 'alert' | 'timer' | 'text';
  readonly label: string;
  readonly title: string;
  readonly body: string;
  readonly number: string;
  /** A number too long to show at the largest size on one line ("0800 111 0 111"). */
  readonly longNumber: boolean;
  readonly items: readonly string[];
  readonly progress: number;
  readonly buttons: readonly ScreenButton[];
  readonly footer: string;
}

export const SCREEN_TOKEN = 'backSpasmHelper';
export const APL_DOCUMENT = document;

/** Whether the device that sent the request can show APL (Echo Show, Spot, Fire TV, the app). */
export function supportsApl(envelope: RequestEnvelope): boolean {
  const interfaces: unknown = envelope.context?.System?.device?.supportedInterfaces;
  return typeof interfaces === 'object' && interfaces !== null && 'Alexa.Presentation.APL' in interfaces;
}

const EMPTY: Omit<ScreenData, 'kind' | 'title'> = { label: '', body: '', number: '', longNumber: false, items: [], progress: 0, buttons: [], footer: '' };

function itemValues(topic: TopicId, index: number): Record<string, number> {
  const items = topicItems(topic);
  const values: Record<string, number> = { number: index + 1, count: items.length };
  const compress = items[index]?.compress;
  if (compress) {
    const phases = protocol.compresses[compress].phases;
    values.minutes = phases[0]?.minutes ?? 0;
    values.towelMinutes = phases[1]?.minutes ?? 0;
  }
  return values;
}

function itemScreen(context: RequestContext, topic: TopicId, index: number, part: number): ScreenData {
  const items = topicItems(topic);
  const item = items[index];
  if (!item) return textScreen(context, []);
  const values = itemValues(topic, index);
  const t = context.t;
  const atStart = index === 0 && part === 0;
  const lastPart = part + 1 >= itemParts(item).length;
  const atEnd = index + 1 >= items.length && lastPart;
  const buttons: ScreenButton[] = [
    ...(atStart ? [] : [{ text: t('screen.back'), args: ['previous'], primary: false, onRound: false }]),
    { text: t('screen.repeat'), args: ['repeat'], primary: false, onRound: false },
    ...(item.compress ? [{ text: t('screen.startTimer'), args: ['startTimer', item.compress], primary: true, onRound: true }] : []),
    ...(atEnd ? [] : [{ text: t('screen.next'), args: ['next'], primary: !item.compress, onRound: true }]),
  ];
  return {
    ...EMPTY,
    kind: 'item',
    label: t(`topics.${topic}.screenLabel`, values),
    title: asTitle(t(`topics.${topic}.items.${item.id}.title`), context.locale),
    body: toPlainText([t(`topics.${topic}.items.${item.id}.screen`, values)]),
    progress: (index + (lastPart ? 1 : 0.5)) / items.length,
    buttons,
  };
}

function overviewScreen(context: RequestContext, topic: TopicId): ScreenData {
  const items = topicItems(topic);
  return {
    ...EMPTY,
    kind: 'overview',
    title: context.t('skillName'),
    items: items.map((item) => asTitle(context.t(`topics.${topic}.items.${item.id}.title`), context.locale)),
    buttons: [{ text: context.t('screen.next'), args: ['next'], primary: true, onRound: true }],
  };
}

/** The number to call, alone and large; the words around it, short. */
function alertScreen(title: string, number: string, body = ''): ScreenData {
  return { ...EMPTY, kind: 'alert', title, number, longNumber: number.replace(/\D/g, '').length > 4, body };
}

/** The spoken answer as text; the first-use notice, when said with it, is the footer instead. */
function textScreen(context: RequestContext, spoken: readonly string[], title = context.t('screen.factTitle')): ScreenData {
  const disclaimer = context.t('disclaimer');
  return { ...EMPTY, kind: 'text', title, body: toPlainText(spoken.filter((part) => part !== disclaimer)) };
}

/** An item's title as a heading: spoken mid-sentence ("next: the cold compress"), shown with a capital where the script has them. */
function asTitle(title: string, locale: string): string {
  return title.charAt(0).toLocaleUpperCase(locale) + title.slice(1);
}

/**
 * The datasource for what a handler wants shown. `spoken` is what is said (for a text
 * screen); `disclaimer` is set when the first-use notice was said with this answer, so it
 * is on the screen too.
 */
export function screenData(context: RequestContext, screen: Screen, spoken: readonly string[], disclaimer: boolean): ScreenData {
  const t = context.t;
  const shown = (text: string): string => toPlainText([text]);
  let data: ScreenData;
  switch (screen.kind) {
    case 'item':
      data = itemScreen(context, screen.topic, screen.index, screen.part);
      break;
    case 'overview':
      data = overviewScreen(context, screen.topic);
      break;
    case 'urgent':
      data = alertScreen(t('screen.urgentTitle'), context.numbers.emergency?.display ?? shown(t('screen.callNow')));
      break;
    case 'doctor':
      data = textScreen(context, spoken, t('screen.doctorTitle'));
      break;
    case 'crisis':
      data = context.numbers.crisis
        ? alertScreen(t('screen.crisisTitle'), context.numbers.crisis.display, shown(t('screen.callNow')))
        : alertScreen(t('screen.crisisTitle'), context.numbers.emergency?.display ?? shown(t('screen.callNow')));
      break;
    case 'timer':
      data = { ...EMPTY, kind: 'timer', title: t('screen.timerTitle', { label: screen.label }), body: t('screen.timerBody', { left: t('time.minutes', { count: screen.minutes }) }) };
      break;
    case 'welcome':
      data = { ...EMPTY, kind: 'text', title: t('screen.welcomeTitle'), body: t('screen.welcomeHint') };
      break;
    case 'help':
      data = { ...EMPTY, kind: 'text', title: t('screen.helpTitle'), body: t('screen.helpHints') };
      break;
    case 'text':
      data = textScreen(context, spoken);
      break;
  }
  const withFooter = disclaimer ? { ...data, footer: shown(t('disclaimer')) } : data;
  // Numbers as a screen shows them ("[[tel:911]]" -> "911"), everywhere.
  return { ...withFooter, title: shown(withFooter.title), label: shown(withFooter.label), body: shown(withFooter.body) };
}

/** The APL directive for a screen, for a device that shows APL. */
export function renderDocument(data: ScreenData): { type: 'Alexa.Presentation.APL.RenderDocument'; token: string; document: unknown; datasources: unknown } {
  return { type: 'Alexa.Presentation.APL.RenderDocument', token: SCREEN_TOKEN, document: APL_DOCUMENT, datasources: { payload: { screen: data } } };
}
