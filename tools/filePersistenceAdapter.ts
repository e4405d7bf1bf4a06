import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type PersistenceAdapter } from 'ask-sdk-core';
import { type RequestEnvelope } from 'ask-sdk-model';
import { personKey } from '../lambda/persistence/personKey';

/**
 * Keeps each person's attributes in a JSON file under a local folder (git-ignored
 * .data/ by default), for trying the skill on this machine without DynamoDB.
 */
export class FilePersistenceAdapter implements PersistenceAdapter {
  constructor(private readonly options: { directory: string }) {}

  private fileFor(envelope: RequestEnvelope): string {
    return join(this.options.directory, `${personKey(envelope)}.json`);
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Record<string, unknown>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.fileFor(envelope), 'utf8'));
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Record<string, unknown>): Promise<void> {
    await mkdir(this.options.directory, { recursive: true });
    const file = this.fileFor(envelope);
    // Write then rename, so a crash mid-write never leaves half a record.
    await writeFile(`${file}.tmp`, JSON.stringify(attributes, null, 2));
    await rename(`${file}.tmp`, file);
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    await rm(this.fileFor(envelope), { force: true });
  }
}
