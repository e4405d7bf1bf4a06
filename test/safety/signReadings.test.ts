import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signReader } from '../../lambda/safety/assess';

/**
 * Sentences each language's sign words must read a certain way (test/phrases/<language>.json,
 * "signReadings": [sentence, "present" | "denied", sign]): ways of saying or denying a warning
 * sign that were once read wrong, kept so that a later change to the words cannot bring the
 * mistake back. The expected reading is written beside each sentence, not derived.
 */
const DIR = join(__dirname, '..', 'phrases');

type Row = readonly [string, 'present' | 'denied', string];

const tables = readdirSync(DIR)
  .filter((file) => /^[a-z]{2}\.json$/.test(file))
  .map((file) => {
    const data = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { signReadings?: Row[] };
    return [file.slice(0, 2), data.signReadings ?? []] as const;
  })
  .filter(([, rows]) => rows.length > 0);

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
