/**
 * One of two processes writing one person's record at once, for the file store's test.
 * Arguments: directory, user id, role ("kitchen" or "bedroom"), rounds.
 * Kitchen: each round its place in the walk, the disclaimer, and a token of its own.
 * Bedroom: each round a cold-compress time and a token of its own, deleting its previous
 * token every other round. Prints "done" when finished.
 */
import { FilePersonStore } from '../../../lambda/persistence/filePersonStore';
import { NO_CHANGE, requestFrom } from '../storeSupport';

async function main(): Promise<void> {
  const [directory = '', userId = '', role = '', rounds = '0'] = process.argv.slice(2);
  const store = new FilePersonStore({ directory, lockTimeoutMs: 20_000 });
  const request = requestFrom(userId, `amzn1.ask.device.${role}`);
  for (let round = 0; round < Number(rounds); round++) {
    if (role === 'kitchen') {
      await store.update(request, { ...NO_CHANGE, set: { disclaimerHeard: true, position: { topic: 'treatment', index: round, part: 0, at: round } }, addTokens: [`kitchen-${round}`] });
    } else {
      const deleteTokens = round % 2 === 1 ? [`bedroom-${round - 1}`] : [];
      await store.update(request, { ...NO_CHANGE, set: { lastColdCompressEndsAt: round }, addTokens: [`bedroom-${round}`], deleteTokens });
    }
  }
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
