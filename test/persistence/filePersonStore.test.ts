import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilePersonStore } from '../../lambda/persistence/filePersonStore';
import { classifyRecord, UnreadableRecordError } from '../../lambda/persistence/personStore';
import { RecordingLogger } from '../support/harness';
import { NO_CHANGE, requestFrom } from './storeSupport';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'bsh-file-store-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

const alice = requestFrom('amzn1.ask.account.ALICE');

describe('the same port as DynamoDB', () => {
  test('writes field by field, reads back, survives a new instance, and deletes', async () => {
    await new FilePersonStore({ directory }).update(alice, { ...NO_CHANGE, set: { disclaimerHeard: true }, addTokens: ['a'] });
    await new FilePersonStore({ directory }).update(alice, { ...NO_CHANGE, set: { lastColdCompressEndsAt: 5 }, addTokens: ['b'] });
    expect(await new FilePersonStore({ directory }).read(alice)).toEqual({
      kind: 'found',
      person: { disclaimerHeard: true, lastColdCompressEndsAt: 5, reminderTokens: ['a', 'b'] },
      invalidFields: [],
    });
    expect(await new FilePersonStore({ directory }).read(requestFrom('amzn1.ask.account.BOB'))).toEqual({ kind: 'missing' });
    const files = await readdir(directory);
    expect(files).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.json$/)]);
    expect(await readFile(join(directory, files[0] ?? ''), 'utf8')).not.toContain('ALICE');
    await new FilePersonStore({ directory }).delete(alice);
    expect(await readdir(directory)).toEqual([]);
  });

  test('only taking things away from a person with no file creates none', async () => {
    await new FilePersonStore({ directory }).update(alice, { ...NO_CHANGE, remove: ['position'], deleteTokens: ['x'] });
    expect(await readdir(directory)).toEqual([]);
  });

  test('many writes at once in one process, through two instances, lose nothing and leave no temporary files', async () => {
    const one = new FilePersonStore({ directory });
    const two = new FilePersonStore({ directory });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).update(alice, { ...NO_CHANGE, addTokens: [`t${i}`], set: i === 7 ? { disclaimerHeard: true } : {} })),
    );
    const stored = await one.read(alice);
    expect(stored.kind === 'found' && [...(stored.person.reminderTokens ?? [])].sort()).toEqual(Array.from({ length: 40 }, (_, i) => `t${i}`).sort());
    expect(stored.kind === 'found' && stored.person.disclaimerHeard).toBe(true);
    expect((await readdir(directory)).filter((name) => !name.endsWith('.json'))).toEqual([]);
  });
});

describe('what cannot be read', () => {
  test('a file that is not JSON is moved aside with a warning that names no file, and the person starts afresh', async () => {
    const logger = new RecordingLogger();
    const store = new FilePersonStore({ directory, logger });
    await store.update(alice, { ...NO_CHANGE, set: { disclaimerHeard: true } });
    const [name = ''] = await readdir(directory);
    await writeFile(join(directory, name), '{"disclaimerHeard": tr');
    expect(await store.read(alice)).toEqual({ kind: 'missing' });
    const files = await readdir(directory);
    const aside = files.find((file) => file.startsWith(`${name}.corrupt-`));
    expect(aside).toBeDefined();
    expect(await readFile(join(directory, aside ?? ''), 'utf8')).toBe('{"disclaimerHeard": tr');
    expect(logger.lines).toEqual([{ level: 'warn', message: expect.stringMatching(/moved aside/), fields: {} }]);
    expect(JSON.stringify(logger.lines)).not.toContain(name.slice(0, 16));
    await store.update(alice, { ...NO_CHANGE, set: { lastColdCompressEndsAt: 3 } });
    expect(await store.read(alice)).toEqual({ kind: 'found', person: { lastColdCompressEndsAt: 3 }, invalidFields: [] });
  });

  test.each([
    ['null', 'null'],
    ['a string', '"hello"'],
    ['a list', '[1,2]'],
    ['every field of the wrong type', '{"disclaimerHeard":"yes","position":4}'],
  ])('JSON that is %s is unreadable and is never written over', async (_what, text) => {
    const store = new FilePersonStore({ directory });
    await store.update(alice, { ...NO_CHANGE, set: { disclaimerHeard: true } });
    const [name = ''] = await readdir(directory);
    await writeFile(join(directory, name), text);
    expect(await store.read(alice)).toMatchObject({ kind: 'unreadable' });
    await expect(store.update(alice, { ...NO_CHANGE, set: { lastColdCompressEndsAt: 1 } })).rejects.toBeInstanceOf(UnreadableRecordError);
    expect(await readFile(join(directory, name), 'utf8')).toBe(text);
  });

  test('a field that cannot be read is kept when others are written', async () => {
    const store = new FilePersonStore({ directory });
    await store.update(alice, { ...NO_CHANGE, set: { disclaimerHeard: true } });
    const [name = ''] = await readdir(directory);
    await writeFile(join(directory, name), '{"disclaimerHeard":true,"position":"garbled","fromTheFuture":[1]}');
    await store.update(alice, { ...NO_CHANGE, addTokens: ['x'] });
    expect(JSON.parse(await readFile(join(directory, name), 'utf8'))).toEqual({ disclaimerHeard: true, position: 'garbled', fromTheFuture: [1], reminderTokens: ['x'] });
  });
});

describe('locks', () => {
  async function lockFile(): Promise<string> {
    const store = new FilePersonStore({ directory });
    await store.update(alice, { ...NO_CHANGE, set: { disclaimerHeard: true } });
    return `${store.fileFor(alice)}.lock`;
  }

  test('a lock left by a process that died is recovered', async () => {
    const lock = await lockFile();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(lock, `${dead.stdout} abandoned`);
    await new FilePersonStore({ directory, lockTimeoutMs: 500 }).update(alice, { ...NO_CHANGE, set: { lastColdCompressEndsAt: 2 } });
    expect((await readdir(directory)).filter((name) => name.includes('.lock'))).toEqual([]);
  });

  test('a lock too old to be a live write is recovered, whoever holds it', async () => {
    const lock = await lockFile();
    await writeFile(lock, `${process.pid} stuck`);
    await new FilePersonStore({ directory, staleLockMs: 0 }).update(alice, { ...NO_CHANGE, set: { lastColdCompressEndsAt: 2 } });
    expect((await readdir(directory)).filter((name) => name.includes('.lock'))).toEqual([]);
  });

  test("a live process's fresh lock is waited for, then the write gives up and changes nothing", async () => {
    const lock = await lockFile();
    await writeFile(lock, `${process.pid} busy`);
    const before = await readdir(directory);
    await expect(new FilePersonStore({ directory, lockTimeoutMs: 150 }).update(alice, { ...NO_CHANGE, set: { lastColdCompressEndsAt: 2 } })).rejects.toThrow(/locked/);
    expect(await readdir(directory)).toEqual(before);
    expect(await readFile(lock, 'utf8')).toBe(`${process.pid} busy`);
  });
});

describe('two processes writing one person', () => {
  const ROUNDS = 150;

  function worker(role: 'kitchen' | 'bedroom'): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(__dirname, 'support', 'fileStoreWorker.ts'), directory, 'amzn1.ask.account.ALICE', role, String(ROUNDS)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${role} exited ${code}: ${out}`))));
    });
  }

  test(`${ROUNDS} rounds each: no field lost, no token lost, never a file that does not read`, async () => {
    const store = new FilePersonStore({ directory });
    const file = store.fileFor(alice);
    let running = true;
    let reads = 0;
    const problems: string[] = [];
    // A third party reading all along: every version it sees must be a whole, readable record.
    const watching = (async () => {
      while (running) {
        const text = await readFile(file, 'utf8').catch(() => undefined);
        if (text !== undefined) {
          reads += 1;
          try {
            const outcome = classifyRecord(JSON.parse(text));
            if (outcome.kind !== 'found') problems.push(`unreadable: ${text}`);
          } catch {
            problems.push(`not JSON: ${text}`);
          }
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      await Promise.all([worker('kitchen'), worker('bedroom')]);
    } finally {
      running = false;
      await watching;
    }
    expect(problems).toEqual([]);
    expect(reads).toBeGreaterThan(10);
    const stored = await store.read(alice);
    const last = ROUNDS - 1;
    const expectedTokens = [
      ...Array.from({ length: ROUNDS }, (_, round) => `kitchen-${round}`),
      ...Array.from({ length: ROUNDS }, (_, round) => round).filter((round) => round % 2 === 1 || round === last).map((round) => `bedroom-${round}`),
    ].sort();
    expect(stored.kind === 'found' && { ...stored.person, reminderTokens: [...(stored.person.reminderTokens ?? [])].sort() }).toEqual({
      disclaimerHeard: true,
      position: { topic: 'treatment', index: last, part: 0, at: last },
      lastColdCompressEndsAt: last,
      reminderTokens: expectedTokens,
    });
    expect((await readdir(directory)).filter((name) => !name.endsWith('.json'))).toEqual([]);
  }, 60_000);
});
