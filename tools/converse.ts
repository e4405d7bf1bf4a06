import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { createSkill } from '../lambda/skill';
import { isSupportedLocale, SUPPORTED_LOCALES } from '../lambda/locale';
import { jsonLogger, silentLogger } from '../lambda/logger';
import { Conversation, type Turn } from './conversation';
import { FilePersistenceAdapter } from './filePersistenceAdapter';

/**
 * `npm start`: talk to the skill in this terminal. Typed text goes through the
 * locale's real interaction model, as Alexa would hear it; state is kept in .data/
 * between turns and between runs.
 */
interface Options {
  locale: string;
  verbose: boolean;
  dataDir: string;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { locale: 'en-US', verbose: false, dataDir: join(process.cwd(), '.data') };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--locale' || arg === '-l') options.locale = argv[++i] ?? options.locale;
    else if (arg === '--verbose' || arg === '-v') options.verbose = true;
    else if (arg === '--data') options.dataDir = argv[++i] ?? options.dataDir;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        `Usage: npm start -- [--locale ${SUPPORTED_LOCALES.join('|')}] [--verbose] [--data DIR]\n`,
      );
      process.exit(0);
    }
  }
  if (!isSupportedLocale(options.locale)) {
    process.stderr.write(`Unknown locale ${options.locale}; choose one of ${SUPPORTED_LOCALES.join(', ')}\n`);
    process.exit(2);
  }
  return options;
}

function show(turn: Turn, verbose: boolean): void {
  const lines: string[] = [];
  if (turn.intent) lines.push(`  (heard as ${turn.intent})`);
  if (turn.speech) lines.push(`Alexa: ${turn.speech}`);
  if (turn.card) lines.push(`  [card in the Alexa app] ${turn.card.title}: ${turn.card.content.length > 80 ? `${turn.card.content.slice(0, 77)}...` : turn.card.content}`);
  for (const directive of turn.directives) lines.push(`  [directive] ${directive.type}`);
  if (verbose && turn.reprompt) lines.push(`  (if you say nothing: ${turn.reprompt})`);
  if (turn.ended) lines.push('  (session ended: say "open back spasm helper", or ask a question to start again)');
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const skill = createSkill({
    persistenceAdapter: new FilePersistenceAdapter({ directory: options.dataDir }),
    logger: options.verbose ? jsonLogger((line) => process.stderr.write(`${line}\n`)) : silentLogger,
  });
  const conversation = new Conversation({ skill, locale: options.locale, userId: 'amzn1.ask.account.LOCAL-TERMINAL-USER' });
  process.stdout.write(
    [
      `Back Spasm Helper, ${options.locale}. Type what you would say to Alexa; Enter on its own means silence.`,
      'Try: "open back spasm helper", "ask back spasm helper how do I treat a back spasm", "next", "help".',
      'Type .quit to leave.',
      '',
    ].join('\n'),
  );
  const input = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  input.setPrompt('You: ');
  input.prompt();
  // Lines are handled one at a time, in order, even when pasted or piped in.
  let queue = Promise.resolve();
  input.on('line', (line) => {
    queue = queue.then(async () => {
      const text = line.trim();
      if (text === '.quit' || text === '.exit') {
        input.close();
        return;
      }
      if (text === '') {
        const turn = await conversation.silence();
        if (turn) show(turn, options.verbose);
      } else {
        show(await conversation.say(text), options.verbose);
      }
      input.prompt();
    });
  });
  input.on('close', () => {
    void queue.then(() => {
      process.stdout.write('\nBye.\n');
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
