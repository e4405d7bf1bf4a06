// @ts-check
/**
 * Mutation testing of the whole of lambda/ in a time two cores can afford: every test runs, but
 * the tests that run once per locale run only in the locales named by MUTATION_LOCALES (by
 * default one English locale with 12-hour times, one with 24-hour times, and the three
 * languages whose words and times differ most). Fewer tests can only kill fewer mutants, so
 * the score is a lower bound on the full suite's (`npm run test:mutation`).
 *
 *   npm run test:mutation:locales
 *   MUTATION_LOCALES=en-US,fr-CA npx stryker run stryker.locales.config.mjs
 */
import { readFileSync } from 'node:fs';

process.env.MUTATION_LOCALES ??= 'en-US,en-GB,ja-JP,hi-IN,ar-SA';

const base = JSON.parse(readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'));
delete base.$schema;
delete base._comment;

export default {
  ...base,
  htmlReporter: { fileName: 'reports/mutation-locales/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation-locales/mutation.json' },
  ignorePatterns: [...base.ignorePatterns, 'devsets'],
  incremental: true,
  incrementalFile: 'reports/mutation-locales/stryker-incremental.json',
};
