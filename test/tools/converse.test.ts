import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translatorFor } from '../../lambda/i18n';
import { topicItems } from '../../lambda/protocol';
import { speechText } from '../../tools/conversation';

const ROOT = join(__dirname, '..', '..');

/** Runs `npm start`'s program as a newcomer would, typing lines into it. */
function converse(lines: string[], args: string[], dataDir: string): string {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/converse.ts', '--data', dataDir, ...args], {
    cwd: ROOT,
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    timeout: 60000,
  });
  expect(result.status).toBe(0);
  return result.stdout;
}

test('the terminal conversation answers typed text and keeps state between runs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bsh-converse-'));
  try {
    const t = translatorFor('en-GB');
    const first = converse(['open back spasm helper', 'how do I treat a back spasm', 'next', '.quit'], ['--locale', 'en-GB'], dataDir);
    expect(first).toContain('(heard as TreatmentIntent)');
    expect(first).toContain('999');
    const stepTwo = speechText(t('topics.treatment.label', { number: 2, count: topicItems('treatment').length }));
    expect(first).toContain(stepTwo);
    const second = converse(['open back spasm helper', 'yes', '.quit'], ['--locale', 'en-GB'], dataDir);
    expect(second).toContain(speechText(t('launch.welcomeBack')));
    expect(second).toContain(stepTwo);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('unknown text is heard as AMAZON.FallbackIntent, as on Alexa', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bsh-converse-'));
  try {
    const output = converse(['open back spasm helper', 'sing me a song about turnips', '.quit'], [], dataDir);
    expect(output).toContain('(heard as AMAZON.FallbackIntent)');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
