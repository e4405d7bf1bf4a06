import { translatorFor } from '../../lambda/i18n';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../../lambda/locale';
import { protocol } from '../../lambda/protocol';
import { speechText } from '../../tools/conversation';
import { SkillHarness } from '../support/harness';

let harness: SkillHarness;
beforeAll(async () => {
  harness = await SkillHarness.start();
});
afterAll(() => harness.close());

/** How each locale says its emergency number: the digits, or the locale's own words. */
function spokenNumber(locale: SupportedLocale): string {
  return speechText(translatorFor(locale)('emergency.number', { number: protocol.emergencyNumbers[locale] ?? '' }).replace(/\[\[digits:(\d+)\]\]/g, '$1'));
}

const PHRASES: readonly (readonly [string, string])[] = [
  ["I can't feel my legs", 'numb_legs'],
  ['my legs are numb', 'numb_legs'],
  ['I fell down the stairs', 'serious_fall'],
  ['I have a fever', 'fever'],
  ['I have chest pain', 'chest_pain'],
];

describe.each(SUPPORTED_LOCALES)('%s red flags', (locale) => {
  test.each(PHRASES)('"%s" is answered with help first, never a remedy', async (phrase, id) => {
    const talk = harness.conversation(locale);
    const turn = await talk.say(`ask back spasm helper ${phrase}`);
    expect(turn.intent).toBe('RedFlagIntent');
    const urgent = protocol.redFlags.urgent.includes(id);
    const t = translatorFor(locale);
    const expected = speechText(t(urgent ? 'redFlag.urgent' : 'redFlag.doctor', { what: t(`redFlag.what.${id}`), emergencyNumber: spokenNumber(locale) }));
    expect(turn.speech.startsWith(expected)).toBe(true);
    expect(turn.speech).toContain(spokenNumber(locale));
    // Not the treatment, and not the disclaimer ahead of the warning.
    expect(turn.speech).not.toContain(speechText(t('topics.treatment.items.coldCompress.title')));
    expect(turn.ended).toBe(urgent);
  });

  test('a red flag in the middle of the walk interrupts it', async () => {
    const talk = harness.conversation(locale);
    await talk.say('ask back spasm helper how do I treat a back spasm');
    const turn = await talk.say("I can't control my bladder");
    expect(turn.intent).toBe('RedFlagIntent');
    expect(turn.speech).toContain(spokenNumber(locale));
    expect(turn.ended).toBe(true);
  });

  test('every urgent red flag id ends the session with the emergency number', async () => {
    for (const id of protocol.redFlags.urgent) {
      const talk = harness.conversation(locale);
      const turn = await talk.send({
        type: 'IntentRequest',
        requestId: `amzn1.echo-api.request.${id}`,
        timestamp: new Date(harness.clock.now()).toISOString(),
        locale,
        dialogState: 'COMPLETED',
        intent: {
          name: 'RedFlagIntent',
          confirmationStatus: 'NONE',
          slots: {
            symptom: {
              name: 'symptom',
              value: id,
              confirmationStatus: 'NONE',
              resolutions: {
                resolutionsPerAuthority: [
                  { authority: 'amzn1.er-authority.echo-sdk.x.RED_FLAG', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: id, id } }] },
                ],
              },
            },
          },
        },
      });
      expect(turn.speech).toContain(spokenNumber(locale));
      expect(turn.ended).toBe(true);
    }
  });
});

test('a device in a locale without content still hears its own emergency number', async () => {
  const talk = harness.conversation('en-US');
  const turn = await talk.send({
    type: 'IntentRequest',
    requestId: 'amzn1.echo-api.request.fr',
    timestamp: new Date(harness.clock.now()).toISOString(),
    locale: 'fr-FR',
    dialogState: 'COMPLETED',
    intent: { name: 'RedFlagIntent', confirmationStatus: 'NONE', slots: {} },
  });
  expect(turn.speech).toContain(protocol.emergencyNumbers['fr-FR']);
});
