import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type RequestEnvelope } from 'ask-sdk-model';
import { type Logger, silentLogger } from '../logger';
import { personKey } from './personKey';
import { addsAnything, applyPersonChanges, classifyRecord, UnreadableRecordError, type PersonChanges, type PersonStore, type StoredPerson } from './personStore';

/**
 * People's state as one JSON file each in a local folder (`.data/` for `npm start`, a data
 * folder for the web service), for running the skill without DynamoDB. Never in the Lambda
 * bundle: lambda/index.ts does not import it.
 *
 * Same semantics as the DynamoDB store: a write changes just the fields named, on what is on
 * disk at that moment. Each write goes to a unique temporary file that is then renamed over the
 * record, so a reader sees the old record or the new one, never half of one. Writes to one
 * person are serialised by a queue in this process and a lock file (created with O_EXCL) that
 * holds across processes; a lock left by a process that died is recovered. A file that is not
 * JSON at all is moved aside (`<name>.corrupt-<time>`) with a warning and the person starts
 * afresh; JSON that is not a readable record is left where it is and never written over.
 */
export interface FilePersonStoreOptions {
  readonly directory: string;
  readonly logger?: Logger;
  /** How long a write waits for another process's lock before giving up. */
  readonly lockTimeoutMs?: number;
  /** A lock this old is taken to be left by a process that died mid-write. */
  readonly staleLockMs?: number;
}

type OnDisk = { readonly kind: 'none' } | { readonly kind: 'corrupt' } | { readonly kind: 'json'; readonly value: unknown };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

export class FilePersonStore implements PersonStore {
  private readonly logger: Logger;
  private readonly lockTimeoutMs: number;
  private readonly staleLockMs: number;
  /** The tail of each person's queue of writes in this process. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: FilePersonStoreOptions) {
    this.logger = options.logger ?? silentLogger;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 2000;
    this.staleLockMs = options.staleLockMs ?? 10_000;
  }

  fileFor(envelope: RequestEnvelope): string {
    return join(this.options.directory, `${personKey(envelope)}.json`);
  }

  async read(envelope: RequestEnvelope): Promise<StoredPerson> {
    const file = this.fileFor(envelope);
    let found = await this.load(file);
    if (found.kind === 'corrupt') found = await this.serialised(file, () => this.loadOrSetAside(file));
    if (found.kind === 'none') return { kind: 'missing' };
    if (found.kind === 'corrupt') return { kind: 'missing' };
    return classifyRecord(found.value);
  }

  async update(envelope: RequestEnvelope, changes: PersonChanges): Promise<void> {
    const file = this.fileFor(envelope);
    await this.serialised(file, async () => {
      const found = await this.loadOrSetAside(file);
      if (found.kind !== 'json' && !addsAnything(changes)) return;
      const current = found.kind === 'json' ? found.value : {};
      const stored = classifyRecord(current);
      if (stored.kind === 'unreadable') throw new UnreadableRecordError(stored.reason);
      await this.writeAtomically(file, applyPersonChanges(current as Record<string, unknown>, changes));
    });
  }

  async delete(envelope: RequestEnvelope): Promise<void> {
    const file = this.fileFor(envelope);
    await this.serialised(file, () => rm(file, { force: true }));
  }

  private async load(file: string): Promise<OnDisk> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { kind: 'none' };
      throw error;
    }
    try {
      return { kind: 'json', value: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'corrupt' };
    }
  }

  /** Under the lock: the record, with a file that is not JSON moved aside first. */
  private async loadOrSetAside(file: string): Promise<OnDisk> {
    const found = await this.load(file);
    if (found.kind !== 'corrupt') return found;
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
    await rename(file, aside);
    // No file name: it is derived from the person's id.
    this.logger.log('warn', 'a stored record was not JSON: moved aside, the person starts afresh');
    return { kind: 'none' };
  }

  private async writeAtomically(file: string, record: Record<string, unknown>): Promise<void> {
    await mkdir(this.options.directory, { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(JSON.stringify(record, null, 2));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Runs work for one file after the work queued before it in this process, holding the file's lock. */
  private serialised<T>(file: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(file) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.withLock(file, work));
    const tail = run.catch(() => undefined);
    this.queues.set(file, tail);
    void tail.then(() => {
      if (this.queues.get(file) === tail) this.queues.delete(file);
    });
    return run;
  }

  private async withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
    const lock = `${file}.lock`;
    const mine = `${process.pid} ${randomBytes(8).toString('hex')}`;
    await mkdir(this.options.directory, { recursive: true });
    const giveUpAt = Date.now() + this.lockTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
      try {
        const handle = await open(lock, 'wx');
        try {
          await handle.writeFile(mine);
        } finally {
          await handle.close();
        }
        break;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      if (await this.recoverStaleLock(lock)) continue;
      if (Date.now() >= giveUpAt) throw new Error('the record file is locked by another process');
      await sleep(wait * (0.5 + Math.random()));
    }
    try {
      return await work();
    } finally {
      // Only our own lock is removed: after a stale-lock recovery it may be someone else's.
      const holder = await readFile(lock, 'utf8').catch(() => undefined);
      if (holder === mine) await unlink(lock).catch(() => undefined);
    }
  }

  /**
   * Removes a lock whose process is gone (same machine) or that is older than any write could
   * take. The lock is renamed away before it is removed, and put back if it turns out to have
   * been a fresh one taken meanwhile, so two recoveries cannot remove each other's locks.
   */
  private async recoverStaleLock(lock: string): Promise<boolean> {
    const holder = await readFile(lock, 'utf8').catch(() => undefined);
    if (holder === undefined) return true;
    const pid = Number(holder.split(' ')[0]);
    const since = await stat(lock).then((info) => info.mtimeMs, () => undefined);
    if (since === undefined) return true;
    const dead = Number.isInteger(pid) && pid > 0 && !processIsAlive(pid);
    const old = Date.now() - since > this.staleLockMs;
    // An empty lock is one being written this instant: only age makes it stale.
    if (!(old || (holder !== '' && dead))) return false;
    const aside = `${lock}.stale-${randomBytes(6).toString('hex')}`;
    try {
      await rename(lock, aside);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return true;
      throw error;
    }
    const taken = await readFile(aside, 'utf8').catch(() => undefined);
    if (taken !== holder) await link(aside, lock).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return true;
  }
}
