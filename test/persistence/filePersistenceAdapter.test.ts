import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envelope, launchRequest } from '../../tools/envelopes';
import { FilePersistenceAdapter } from '../../tools/filePersistenceAdapter';

const request = (userId: string) =>
  envelope(
    { skillId: 's', userId, deviceId: 'd', locale: 'en-US', apiEndpoint: 'http://127.0.0.1:1', apiAccessToken: 't' },
    launchRequest('en-US', 0),
    undefined,
  );

test('saves, reads back, survives a new adapter instance, and deletes', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'bsh-file-'));
  try {
    await new FilePersistenceAdapter({ directory }).saveAttributes(request('u1'), { disclaimerHeard: true });
    expect(await new FilePersistenceAdapter({ directory }).getAttributes(request('u1'))).toEqual({ disclaimerHeard: true });
    expect(await new FilePersistenceAdapter({ directory }).getAttributes(request('u2'))).toEqual({});
    const files = await readdir(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain('u1');
    expect(await readFile(join(directory, files[0] ?? ''), 'utf8')).not.toContain('u1');
    await new FilePersistenceAdapter({ directory }).deleteAttributes(request('u1'));
    expect(await readdir(directory)).toHaveLength(0);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
