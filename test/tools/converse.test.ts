import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topicItems } from '../../lambda/protocol';
import { words } from '../support/contentWords';

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
    const first = converse(['open back spasm helper', 'how do I treat a back spasm', 'next', 'next', '.quit'], ['--locale', 'en-GB'], dataDir);
    expect(first).toContain('(heard as TreatmentIntent)');
    expect(first).toContain('999');
    const stepTwo = words('en-GB', 'topics.treatment.label', { number: 2, count: topicItems('treatment').length });
    expect(first).toContain(stepTwo);
    const second = converse(['open back spasm helper', 'yes', '.quit'], ['--locale', 'en-GB'], dataDir);
    expect(second).toContain(words('en-GB', 'launch.welcomeBack'));
    expect(second).toContain(stepTwo);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('unknown text is not understood, and the answer says so with the way to help', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bsh-converse-'));
  try {
    const output = converse(['open back spasm helper', 'sing me a song about turnips', '.quit'], [], dataDir);
    // As on Alexa, words no sample matches land in the fallback or in the symptom slot that catches them.
    expect(output).toMatch(/\(heard as (AMAZON\.FallbackIntent|RedFlagIntent)\)/);
    expect(output).toContain(words('en-US', 'fallback.sorry'));
    expect(output).toContain(words('en-US', 'safetyLine').slice(0, 40));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('typed text is read as speech recognition would write it ("cant", "2 hours", "11pm")', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bsh-converse-'));
  try {
    const output = converse(['open back spasm helper', 'i cant feel my legs', '.quit'], [], dataDir);
    expect(output).toContain('(heard as RedFlagIntent)');
    const reminders = converse(['ask back spasm helper to remind me to ice again in 2 hours', '.quit'], [], dataDir);
    expect(reminders).toContain('(heard as RemindOnceIntent)');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('after the session ends, the next line says it starts a new request', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bsh-converse-'));
  try {
    const output = converse(['open back spasm helper', 'stop', 'how do I treat a back spasm', '.quit'], [], dataDir);
    expect(output).toContain('(the session had ended');
    expect(output).toContain('(heard as TreatmentIntent)');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.each([
  [['--colour'], 'Unknown option --colour'],
  [['--time-zone', 'Mars/Olympus'], 'Unknown time zone Mars/Olympus'],
  [['--locale', 'xx-XX'], 'Unknown locale xx-XX'],
  [['--locale'], '--locale needs a value'],
])('%j gets a clear message and the usage, not a stack trace', (args, message) => {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/converse.ts', ...args], { cwd: ROOT, input: '.quit\n', encoding: 'utf8', timeout: 60000 });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain(message);
  expect(result.stderr).toContain('Usage: npm start');
  expect(result.stderr).not.toMatch(/\n\s+at /);
});
