import { StaticAplTemplateValidator } from 'apl-suggester';
import { TIMERS_SCOPE } from '../../lambda/alexaApi/permissions';
import { itemParts, protocol, TOPIC_IDS, topicItems, type TopicId } from '../../lambda/protocol';
import { type ScreenData } from '../../lambda/screens/screen';
import { type Conversation, type Turn } from '../../tools/conversation';
import { DEVICES, SCREEN_DEVICES, type Device } from '../../tools/devices';
import { asStaticDocument, measure, resolve, type Document } from '../support/aplLayout';
import { entry, LOCALES, TIMINGS, words } from '../support/contentWords';
import { SkillHarness } from '../support/harness';
import { phrase } from '../support/phrases';
import document from '../../screens/document.json';

/**
 * Screens: every screen the skill can send, in every locale, resolved for every device kind
 * (round, small and large hubs, TV, the phone app) and checked by Amazon's validator and a
 * rough measure of fit; touches do exactly what saying them does; devices without a screen
 * get none. The expected words come from the content files.
 */
let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());
beforeEach(() => harness.alexa.reset());

const validator = new StaticAplTemplateValidator();
const DOCUMENT = document as unknown as Document;
const SHOW = DEVICES.echoShow8;

function screenOf(turn: Turn): ScreenData {
  const screen = turn.screen?.datasources.payload.screen;
  if (!screen) throw new Error(`no screen for ${turn.intent ?? turn.request.request.type}`);
  return screen;
}

function heading(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** The values an item's words take, from the protocol. */
function itemValues(topic: TopicId, index: number): Record<string, number> {
  const item = topicItems(topic)[index];
  const values: Record<string, number> = { number: index + 1, count: topicItems(topic).length };
  if (item?.compress) values.minutes = protocol.compresses[item.compress].phases[0]?.minutes ?? 0;
  return values;
}

/** Every kind of screen, by voice, on a device with a screen: walks, facts, welcome, help, warnings, a timer. */
async function everyScreen(locale: string): Promise<{ what: string; turn: Turn }[]> {
  const p = (key: string): string => phrase(locale, key);
  const out: { what: string; turn: Turn }[] = [];
  const talk = (): Conversation => harness.conversation(locale, { device: SHOW });
  const first = talk();
  out.push({ what: 'welcome', turn: await first.launch() });
  out.push({ what: 'help', turn: await first.say(p('help')) });
  for (const topic of TOPIC_IDS) {
    const walking = talk();
    await walking.launch();
    let turn = await walking.say(p(topic));
    out.push({ what: `${topic} start`, turn });
    for (let step = 0; step < 12 && !turn.ended && turn.screen?.datasources.payload.screen.kind !== 'text'; step += 1) {
      turn = await walking.say(p('next'));
      out.push({ what: `${topic} next ${step + 1}`, turn });
    }
  }
  for (const key of ['iceOrHeat', 'recovery', 'lying', 'bath', 'moving']) out.push({ what: key, turn: await talk().oneShot(p(key)) });
  for (const key of ['numbLegs', 'fever', 'distressDie', 'medicineIbuprofen', 'notUnderstood']) out.push({ what: key, turn: await talk().oneShot(p(key)) });
  const timing = talk();
  harness.alexa.grant(timing.caller().userId, TIMERS_SCOPE);
  out.push({ what: 'timer', turn: await timing.oneShot(p('coldTimer')) });
  return out;
}

describe('the screen document', () => {
  test("passes Amazon's APL validator as written", async () => {
    expect(await validator.validate(document)).toEqual([]);
  });

  test('runs on the devices: a version they know, the alexa-layouts package, a token touches send back', () => {
    expect(document.version).toBe('2023.3');
    expect(document.import).toEqual([{ name: 'alexa-layouts', version: '1.7.0' }]);
  });
});

describe.each(LOCALES)('%s screens', (locale) => {
  let screens: { what: string; turn: Turn }[];
  beforeAll(async () => {
    screens = await everyScreen(locale);
  });

  test('every answer on a device with a screen shows one', () => {
    expect(screens.filter(({ turn }) => !turn.screen).map(({ what }) => what)).toEqual([]);
  });

  test.each(SCREEN_DEVICES.map((device) => [device.name, device] as [string, Device]))(
    '%s: every screen, resolved, passes the validator and fits (no text cut, nothing off the screen)',
    async (_name, device) => {
      const problems: string[] = [];
      for (const { what, turn } of screens) {
        const layout = resolve(DOCUMENT, turn.screen?.datasources as never, device);
        const warnings = await validator.validate(asStaticDocument(DOCUMENT, layout) as object);
        if (warnings.length > 0) problems.push(`${what}: ${JSON.stringify(warnings)}`);
        const fit = measure(layout);
        for (const cut of fit.cut) problems.push(`${what}: "${cut.text}" needs ${cut.needs} lines, has ${cut.maxLines}`);
        if (fit.height > fit.room) problems.push(`${what}: ${Math.round(fit.height)}dp of content in ${Math.round(fit.room)}dp`);
        // Readable from a bed: nothing smaller than 16dp, body text at least 20dp.
        for (const text of fit.texts) if (text.fontSize < 16) problems.push(`${what}: "${text.text}" at ${text.fontSize}dp`);
      }
      expect(problems).toEqual([]);
    },
  );

  test('each step, cause, symptom and tip: its label, title and the few words of what to do, from the content', () => {
    const items = screens.map(({ turn }) => screenOf(turn)).filter((screen) => screen.kind === 'item');
    const expected = TOPIC_IDS.flatMap((topic) =>
      topicItems(topic).map((item, index) => ({
        label: words(locale, `topics.${topic}.screenLabel`, itemValues(topic, index)),
        // Spoken mid-sentence, shown as a heading: a capital where the script has them.
        title: heading(words(locale, `topics.${topic}.items.${item.id}.title`), locale),
        body: words(locale, `topics.${topic}.items.${item.id}.screen`, { ...TIMINGS, ...itemValues(topic, index) }),
      })),
    );
    for (const want of expected) expect(items).toContainEqual(expect.objectContaining(want));
    // Short enough to glance at: the screen words are fewer than the spoken ones.
    for (const screen of items) expect(screen.body.length).toBeLessThan(160);
  });

  test('a red flag shows the emergency number, large, and nothing competing', () => {
    const urgent = screenOf(screens.find(({ what }) => what === 'numbLegs')?.turn as Turn);
    expect(urgent).toMatchObject({ kind: 'alert', title: words(locale, 'screen.urgentTitle'), number: entry(locale).emergency.display, body: '', buttons: [], items: [], footer: '' });
  });

  test('distress shows the crisis line (or the emergency number where there is none)', () => {
    const crisis = screenOf(screens.find(({ what }) => what === 'distressDie')?.turn as Turn);
    expect(crisis.kind).toBe('alert');
    expect(crisis.number).toBe(entry(locale).crisis?.display ?? entry(locale).emergency.display);
  });

  test('a running cold compress: which one, and when it comes off', () => {
    const timer = screenOf(screens.find(({ what }) => what === 'timer')?.turn as Turn);
    const phase = protocol.compresses.cold.phases[0];
    expect(timer).toMatchObject({
      kind: 'timer',
      title: words(locale, 'screen.timerTitle', { label: words(locale, `compressTimer.labels.${phase?.id ?? ''}`) }),
      body: words(locale, 'screen.timerBody', { left: words(locale, 'time.minutes', { count: phase?.minutes ?? 0 }) }),
    });
  });

  test('the first-use notice is on the screen when it is said', () => {
    const welcome = screenOf(screens[0]?.turn as Turn);
    expect(welcome.title).toBe(words(locale, 'screen.welcomeTitle'));
    expect(welcome.footer).toBe(words(locale, 'disclaimer'));
  });

  test('the last item of a walk has no Next, the first no Back; the end of the walk shows its closing words', () => {
    for (const topic of TOPIC_IDS) {
      const walk = screens.filter(({ what }) => what.startsWith(`${topic} `)).map(({ turn }) => screenOf(turn));
      const items = walk.filter((screen) => screen.kind === 'item');
      expect(items[0]?.buttons.some((button) => button.args[0] === 'previous')).toBe(false);
      expect(items[items.length - 1]?.buttons.some((button) => button.args[0] === 'next')).toBe(false);
      expect(walk[walk.length - 1]).toMatchObject({ kind: 'text', body: words(locale, `topics.${topic}.done`) });
    }
  });
});

describe.each(LOCALES)('%s: a touch does what saying it does', (locale) => {
  const p = (key: string): string => phrase(locale, key);

  /** Two people at the same place in the treatment walk: one will speak, one will touch. */
  async function pair(steps: number): Promise<[Conversation, Conversation]> {
    const both: [Conversation, Conversation] = [harness.conversation(locale, { device: SHOW }), harness.conversation(locale, { device: SHOW })];
    for (const talk of both) {
      harness.alexa.grant(talk.caller().userId, TIMERS_SCOPE);
      await talk.launch();
      await talk.say(p('treatment'));
      for (let step = 0; step < steps; step += 1) await talk.say(p('next'));
    }
    return both;
  }

  test.each([
    ['next', 'next', 0],
    ['previous', 'previous', 3],
    ['repeat', 'repeat', 2],
  ])('%s', async (_name, key, steps) => {
    const [voice, touch] = await pair(steps);
    const said = await voice.say(p(key));
    const touched = await touch.touch([key]);
    expect(touched.speech).toBe(said.speech);
    expect(screenOf(touched)).toEqual(screenOf(said));
    // And they are at the same place afterwards.
    expect((await touch.say(p('next'))).speech).toBe((await voice.say(p('next'))).speech);
  });

  test('every button an item screen shows is one of the touches the skill understands, and says what the words say', async () => {
    const [talk] = await pair(0);
    const seen = new Set<string>();
    for (let step = 0; step < 10; step += 1) {
      const turn = await talk.say(p('repeat'));
      for (const button of screenOf(turn).buttons) seen.add(`${String(button.args[0])}=${button.text}`);
      if ((await talk.say(p('next'))).screen?.datasources.payload.screen.kind !== 'item') break;
    }
    const expected = { next: words(locale, 'screen.next'), previous: words(locale, 'screen.back'), repeat: words(locale, 'screen.repeat'), startTimer: words(locale, 'screen.startTimer') };
    expect([...seen].sort()).toEqual(Object.entries(expected).map(([action, text]) => `${action}=${text}`).sort());
  });

  test('Start timer at the cold compress step sets the same timer as saying so', async () => {
    const [voice, touch] = await pair(1);
    // At the cold compress step, its first part on screen.
    const atCold = topicItems('treatment').findIndex((item) => item.compress === 'cold');
    expect(atCold).toBeGreaterThanOrEqual(0);
    const [nextVoice, nextTouch] = [await voice.say(p('next')), await touch.say(p('next'))];
    const button = screenOf(nextTouch).buttons.find((candidate) => candidate.args[0] === 'startTimer');
    expect(button?.args).toEqual(['startTimer', topicItems('treatment')[atCold]?.compress]);
    expect(itemParts(topicItems('treatment')[atCold] as never).length).toBeGreaterThan(0);
    const said = await voice.say(p('coldTimer'));
    const touched = await touch.touch(button?.args ?? []);
    expect(touched.speech).toBe(said.speech);
    expect(screenOf(touched).kind).toBe('timer');
    expect(harness.alexa.activeTimers(touch.caller().userId).map((timer) => timer.label)).toEqual(
      harness.alexa.activeTimers(voice.caller().userId).map((timer) => timer.label),
    );
    expect(nextVoice.speech).toBe(nextTouch.speech);
  });

  test('an event the screens never send is not understood, with the way to help', async () => {
    const [talk] = await pair(0);
    for (const args of [['dance'], [], ['startTimer', 'lava'], [{ nested: true }]]) {
      const turn = await talk.touch(args);
      expect(turn.speech).toContain(words(locale, 'fallback.sorry'));
      expect(turn.speech).toContain(words(locale, 'safetyLine'));
      expect(turn.ended).toBe(false);
    }
  });
});

describe('a device without a screen', () => {
  test.each(LOCALES)('%s: no APL in any kind of answer', async (locale) => {
    const p = (key: string): string => phrase(locale, key);
    const talk = harness.conversation(locale, { device: DEVICES.echoDot });
    harness.alexa.grant(talk.caller().userId, TIMERS_SCOPE);
    const turns = [await talk.launch(), await talk.say(p('treatment')), await talk.say(p('next')), await talk.say(p('help')), await talk.say(p('notUnderstood'))];
    turns.push(await talk.oneShot(p('coldTimer')), await talk.oneShot(p('numbLegs')), await talk.oneShot(p('distressDie')));
    for (const turn of turns) {
      expect(turn.directives.filter((directive) => directive.type.startsWith('Alexa.Presentation'))).toEqual([]);
      expect(turn.screen).toBeUndefined();
    }
  });
});
