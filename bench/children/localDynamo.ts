/**
 * dynalite (a DynamoDB-compatible server, in memory) on loopback in its own process, so its
 * work competes neither with the process under test nor with the load generator's event loop.
 * Input: BENCH_TABLE, the table to create. Output (IPC): { endpoint } when the table exists.
 */
import { startLocalDynamo } from '../../test/support/dynalite';

async function main(): Promise<void> {
  const dynamo = await startLocalDynamo();
  await dynamo.createTable(process.env.BENCH_TABLE ?? 'bench');
  process.send?.({ endpoint: dynamo.endpoint });
  process.on('disconnect', () => {
    void dynamo.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
