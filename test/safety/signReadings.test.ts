import { signReader } from '../../lambda/safety/assess';
import { languageRows } from '../support/phrases';

/**
 * Sentences each language's sign words must read a certain way (test/phrases/<language>.json,
 * "signReadings": [sentence, "present" | "denied", sign]): ways of saying or denying a warning
 * sign that were once read wrong, kept so that a later change to the words cannot bring the
 * mistake back. The expected reading is written beside each sentence, not derived.
 */
type Row = readonly [string, 'present' | 'denied', string];

const tables = languageRows<Row>('signReadings');

test('some languages keep sentences to read', () => {
  expect(tables.length).toBeGreaterThan(0);
});

describe.each(tables)('%s', (language, rows) => {
  test.each(rows)('"%s" is read with the sign %s: %s', (sentence, how, sign) => {
    const reading = signReader(language).read(sentence);
    const other = how === 'present' ? 'denied' : 'present';
    expect(reading[how]).toContain(sign);
    expect(reading[other]).not.toContain(sign);
  });
});
