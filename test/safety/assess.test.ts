/**
 * How the skill decides what a request means for safety (lambda/safety/assess.ts), rule by
 * rule, on requests shaped as Alexa sends them and the English word lists. Each expectation is
 * written out here: the kind of finding and the sign id of content/protocol.json. The
 * conversation tests check what is then said in every locale; these pin down the decision
 * itself (STRYKER_FOCUS=assess npx stryker run stryker.focused.config.mjs).
 */
import { type HandlerInput } from 'ask-sdk-core';
import { type Intent, type Slot } from 'ask-sdk-model';
import { assessSafety, findingOf } from '../../lambda/safety/assess';
import { envelope, intentRequest, launchRequest } from '../../tools/envelopes';

const caller = {
  skillId: 'amzn1.ask.skill.test',
  userId: 'amzn1.ask.account.assess',
  deviceId: 'amzn1.ask.device.assess',
  locale: 'en-US',
  apiEndpoint: 'http://127.0.0.1:1',
  apiAccessToken: 'token',
};

type Heard =
  | string
  | { readonly value?: string; readonly resolvedId?: string; readonly builtIn?: boolean; readonly alsoUnresolved?: boolean };

/** A slot as Alexa fills it: a custom slot resolved to an id, one it could not resolve, or a built-in one. */
function slot(name: string, heard: Heard): Slot {
  const { value, resolvedId, builtIn, alsoUnresolved } = typeof heard === 'string' ? { value: heard } : heard;
  const unresolved = { authority: `amzn1.er-authority.echo-sdk.test.${name}`, status: { code: 'ER_SUCCESS_NO_MATCH' } };
  const resolved = { authority: `amzn1.er-authority.echo-sdk.test.${name}`, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: value, id: resolvedId } }] };
  // A slot Alexa did not fill has neither a value nor resolutions.
  const resolutions =
    builtIn || value === undefined
      ? undefined
      : { resolutionsPerAuthority: resolvedId ? (alsoUnresolved ? [unresolved, resolved] : [resolved]) : [unresolved] };
  return { name, ...(value === undefined ? {} : { value }), confirmationStatus: 'NONE', ...(resolutions ? { resolutions } : {}) } as Slot;
}

function input(intentName: string, slots: Record<string, Heard> = {}): HandlerInput {
  const intent: Intent = {
    name: intentName,
    confirmationStatus: 'NONE',
    slots: Object.fromEntries(Object.entries(slots).map(([name, heard]) => [name, slot(name, heard)])),
  };
  return { requestEnvelope: envelope(caller, intentRequest('en-US', Date.now(), intent), undefined) } as unknown as HandlerInput;
}

const assess = (intentName: string, slots: Record<string, Heard> = {}) => assessSafety(input(intentName, slots), 'en');

describe('safety of a request: intents that are findings in themselves', () => {
  it('takes distress, a medicine question and stopping a medicine from the intent', () => {
    expect(assess('DistressIntent')).toEqual({ kind: 'distress' });
    expect(assess('MedicineIntent')).toEqual({ kind: 'medicine' });
    expect(assess('StopMedicineIntent')).toEqual({ kind: 'medicineStop' });
  });

  it('reassures a denial with nothing heard, and treats a red flag with nothing heard as not understood', () => {
    expect(assess('NoSymptomIntent')).toEqual({ kind: 'denied', signs: [] });
    // Slots Alexa left empty, or filled with nothing but spaces, are nothing heard.
    expect(assess('NoSymptomIntent', { symptom: {} })).toEqual({ kind: 'denied', signs: [] });
    expect(assess('NoSymptomIntent', { symptom: '   ' })).toEqual({ kind: 'denied', signs: [] });
    expect(assess('RedFlagIntent')).toEqual({ kind: 'nothing' });
  });

  it('finds nothing in an ordinary request, a launch, or an intent name that is not its own key', () => {
    expect(assess('TreatmentIntent')).toBeUndefined();
    expect(assess('constructor')).toBeUndefined();
    expect(assess('toString')).toBeUndefined();
    const launch = { requestEnvelope: envelope(caller, launchRequest('en-US', Date.now()), undefined) } as unknown as HandlerInput;
    expect(assessSafety(launch, 'en')).toBeUndefined();
  });

  it('lets the words of a safety intent raise it, never lower it', () => {
    expect(assess('MedicineIntent', { medicine: 'ibuprofen, my legs are numb' })).toEqual({ kind: 'urgent', sign: 'numb_legs' });
    expect(assess('DistressIntent', { lead: 'my legs are numb and I want to die' })).toEqual({ kind: 'distress' });
    expect(assess('MedicineIntent', { medicine: 'no fever' })).toEqual({ kind: 'medicine' });
    expect(assess('DistressIntent', { lead: 'my back hurts' })).toEqual({ kind: 'distress' });
  });
});

describe('safety of a request: the red-flag intent', () => {
  it('takes the sign Alexa resolved', () => {
    expect(assess('RedFlagIntent', { symptom: { value: 'a fever', resolvedId: 'fever' } })).toEqual({ kind: 'doctor', sign: 'fever' });
    expect(assess('RedFlagIntent', { symptom: { value: 'wet myself', resolvedId: 'bladder_bowel' } })).toEqual({ kind: 'urgent', sign: 'bladder_bowel' });
  });

  it('takes the more urgent of the resolved sign and what the words say', () => {
    expect(assess('RedFlagIntent', { symptom: { value: 'fever and both legs numb', resolvedId: 'fever' } })).toEqual({ kind: 'urgent', sign: 'numb_legs' });
    expect(assess('RedFlagIntent', { symptom: { value: 'legs numb and a fever', resolvedId: 'numb_legs' } })).toEqual({ kind: 'urgent', sign: 'numb_legs' });
  });

  it('takes the resolved sign over words that only ask for help', () => {
    expect(assess('RedFlagIntent', { symptom: { value: 'my back hurts', resolvedId: 'night_pain' } })).toEqual({ kind: 'doctor', sign: 'night_pain' });
  });

  it('keeps the words\u2019 sign when it is as pressing as the resolved one', () => {
    expect(assess('RedFlagIntent', { symptom: { value: 'a fever', resolvedId: 'night_pain' } })).toEqual({ kind: 'doctor', sign: 'fever' });
  });

  it('takes a resolved sign only from the red-flag intent', () => {
    expect(assess('MedicineIntent', { symptom: { value: 'ibuprofen', resolvedId: 'numb_legs' } })).toEqual({ kind: 'medicine' });
  });

  it('ignores a resolved id that is no sign of the protocol', () => {
    expect(assess('RedFlagIntent', { symptom: { value: 'banana', resolvedId: 'banana' } })).toEqual({ kind: 'nothing' });
    expect(assess('RedFlagIntent', { symptom: { value: 'I have a fever', resolvedId: 'banana' } })).toEqual({ kind: 'doctor', sign: 'fever' });
  });

  it('decides by the words when Alexa could not resolve them', () => {
    expect(assess('RedFlagIntent', { symptom: 'my legs have gone numb' })).toEqual({ kind: 'urgent', sign: 'numb_legs' });
    expect(assess('RedFlagIntent', { symptom: 'banana pancakes' })).toEqual({ kind: 'nothing' });
  });

  it('reassures when the words only deny, even if Alexa resolved a sign', () => {
    expect(assess('RedFlagIntent', { symptom: 'no fever' })).toEqual({ kind: 'denied', signs: ['fever'] });
    expect(assess('RedFlagIntent', { symptom: { value: "I don't have a fever", resolvedId: 'fever' } })).toEqual({ kind: 'denied', signs: ['fever'] });
  });

  it('gives the steps when the words ask for help with the back and name no sign', () => {
    expect(assess('RedFlagIntent', { symptom: 'my back is killing me' })).toEqual({ kind: 'treatment' });
  });

  it('puts distress first, then urgent, then a doctor, then numbness, then medicines', () => {
    expect(assess('RedFlagIntent', { symptom: 'I want to die, I wet myself' })).toEqual({ kind: 'distress' });
    expect(assess('RedFlagIntent', { symptom: 'I have a fever and I wet myself' })).toEqual({ kind: 'urgent', sign: 'bladder_bowel' });
    expect(assess('RedFlagIntent', { symptom: 'tingling and a fever' })).toEqual({ kind: 'doctor', sign: 'fever' });
    expect(assess('RedFlagIntent', { symptom: 'tingling, should I take ibuprofen' })).toEqual({ kind: 'numbness' });
    expect(assess('RedFlagIntent', { symptom: 'should I stop taking my ibuprofen' })).toEqual({ kind: 'medicineStop' });
    expect(assess('RedFlagIntent', { symptom: 'can ibuprofen cause this' })).toEqual({ kind: 'medicineCause' });
    expect(assess('RedFlagIntent', { symptom: 'ibuprofen' })).toEqual({ kind: 'medicine' });
  });
});

describe('safety of a request: the denial intent', () => {
  it('reassures what the words deny', () => {
    expect(assess('NoSymptomIntent', { symptom: 'fever' })).toEqual({ kind: 'denied', signs: ['fever'] });
    expect(assess('NoSymptomIntent', { symptom: 'bladder' })).toEqual({ kind: 'denied', signs: ['bladder_bowel'] });
  });

  it('alarms when the words after the denial say a sign after all', () => {
    expect(assess('NoSymptomIntent', { symptom: 'fever but my legs are numb' })).toEqual({ kind: 'urgent', sign: 'numb_legs' });
  });

  it('never reassures words that deny no sign it knows', () => {
    expect(assess('NoSymptomIntent', { symptom: 'banana pancakes' })).toEqual({ kind: 'nothing' });
    expect(assess('NoSymptomIntent', { symptom: { value: 'pancakes', resolvedId: 'pancakes' } })).toEqual({ kind: 'nothing' });
  });
});

describe('safety of an ordinary request', () => {
  it('reads only the words Alexa could not resolve', () => {
    expect(assess('RemedyIntent', { remedy: 'ice, also I wet myself' })).toEqual({ kind: 'urgent', sign: 'bladder_bowel' });
    expect(assess('RemedyIntent', { remedy: { value: 'ice, also I wet myself', resolvedId: 'ice' } })).toBeUndefined();
    expect(assess('RemindOnceIntent', { duration: { value: 'PT2H', builtIn: true } })).toBeUndefined();
    // A built-in slot holds a time or a number, not speech to read.
    expect(assess('RemindOnceIntent', { when: { value: 'I wet myself', builtIn: true } })).toBeUndefined();
    // Resolved by one authority of several: a known phrase.
    expect(assess('RemedyIntent', { remedy: { value: 'ice, also I wet myself', resolvedId: 'ice', alsoUnresolved: true } })).toBeUndefined();
  });

  it('answers a denial inside a request as asked, with no finding', () => {
    expect(assess('RemedyIntent', { remedy: "ice, I don't have a fever" })).toBeUndefined();
  });

  it('answers a request that only mentions the back as asked', () => {
    expect(assess('RemedyIntent', { remedy: 'ice for my back spasm' })).toBeUndefined();
  });
});

describe('safety of a request: a sign Alexa split across two slots', () => {
  it('reads the slots joined, and takes only a warning from the joined reading', () => {
    expect(assess('RedFlagIntent', { lead: 'no feeling', symptom: 'in my bottom' })).toEqual({ kind: 'urgent', sign: 'saddle_numbness' });
    // Joined, "my bladder is fine" denies a sign neither part names: no reassurance from joining.
    expect(assess('RedFlagIntent', { lead: 'my bladder', symptom: 'is fine' })).toEqual({ kind: 'nothing' });
    expect(assess('RedFlagIntent', { symptom: 'my bladder is fine' })).toEqual({ kind: 'denied', signs: ['bladder_bowel'] });
  });

  it('reads a single slot once', () => {
    expect(assess('RedFlagIntent', { symptom: 'no feeling in my bottom' })).toEqual({ kind: 'urgent', sign: 'saddle_numbness' });
  });
});

describe('safety of a request: words that came after a negation ("I don\u2019t have {missing}")', () => {
  it('puts the negation back: a sign said with it is a warning', () => {
    expect(assess('RemedyIntent', { missing: 'any feeling in my legs' })).toEqual({ kind: 'urgent', sign: 'numb_legs' });
  });

  it('never alarms on what the negation denies, and never reassures inside a request', () => {
    expect(assess('RemedyIntent', { missing: "a fever it's just my back" })).toBeUndefined();
    // The same words in a slot with no negation before it are a sign.
    expect(assess('RemedyIntent', { remedy: "a fever it's just my back" })).toEqual({ kind: 'doctor', sign: 'fever' });
  });

  it('reads only what Alexa could not resolve, and a sign in another slot still counts', () => {
    expect(assess('RemedyIntent', { missing: { value: 'hot water bottle', resolvedId: 'warmCompress' } })).toBeUndefined();
    expect(assess('RemedyIntent', { missing: 'a fever', problem: 'my legs are numb' })).toEqual({ kind: 'urgent', sign: 'numb_legs' });
  });

  it('is not joined with the other slots, where it would lose its negation', () => {
    expect(assess('RemedyIntent', { missing: 'fever', problem: 'back' })).toBeUndefined();
  });
});

describe('safety of a request: garbage where slots should be', () => {
  it('reads past a null slot and an authority without a status, without throwing', () => {
    const handlerInput = input('RedFlagIntent', { symptom: 'my legs are numb' });
    const request = handlerInput.requestEnvelope.request as { intent: { slots: Record<string, unknown> } };
    request.intent.slots.broken = null;
    request.intent.slots.odd = { name: 'odd', value: 'I wet myself', resolutions: { resolutionsPerAuthority: [{ authority: 'x' }] } };
    expect(assessSafety(handlerInput, 'en')).toEqual({ kind: 'urgent', sign: 'numb_legs' });
    const ordinary = input('RemedyIntent');
    (ordinary.requestEnvelope.request as { intent: { slots: Record<string, unknown> } }).intent.slots = {
      broken: null,
      odd: { name: 'odd', value: 'I wet myself', resolutions: { resolutionsPerAuthority: [{ authority: 'x' }] } },
    };
    expect(assessSafety(ordinary, 'en')).toEqual({ kind: 'urgent', sign: 'bladder_bowel' });
  });
});

describe('the most pressing thing a reading holds', () => {
  it('is undefined for an empty reading', () => {
    expect(findingOf({ present: [], denied: [] })).toBeUndefined();
  });

  it('prefers anything present to a denial', () => {
    expect(findingOf({ present: ['wantsTreatment'], denied: ['fever'] })).toEqual({ kind: 'denied', signs: ['fever'] });
    expect(findingOf({ present: ['medicine'], denied: ['fever'] })).toEqual({ kind: 'medicine' });
  });

  it('orders the urgent signs as the protocol lists them', () => {
    expect(findingOf({ present: ['cant_move', 'numb_legs'], denied: [] })).toEqual({ kind: 'urgent', sign: 'numb_legs' });
    expect(findingOf({ present: ['recurring', 'fever'], denied: [] })).toEqual({ kind: 'doctor', sign: 'fever' });
  });
});
