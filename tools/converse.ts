import { listingOf } from './models/buildListing';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { startAlexaApiEmulator, type PermissionScope } from '../emulator';
import { systemClock, type Clock } from '../lambda/clock';
import { TIMERS_SCOPE } from '../lambda/alexaApi/permissions';
import { FilePersonStore } from '../lambda/persistence/filePersonStore';
import { createSkill } from '../lambda/skill';
import { isSupportedLocale, SUPPORTED_LOCALES, type SupportedLocale } from '../lambda/locales';
import { jsonLogger, silentLogger } from '../lambda/logger';
import { Conversation, type Turn } from './conversation';
import { ScaledClock } from './scaledClock';

/**
 * `npm start`: talk to the skill in this terminal. Typed text goes through the
 * locale's real interaction model, as Alexa would hear it; state is kept in .data/
 * between turns and between runs.
 */
interface Options {
  locale: string;
  verbose: boolean;
  dataDir: string;
  /** Minutes pass as seconds, so compress timers ring while you watch. */
  fast: boolean;
  timeZone: string;
}

const USAGE = [
  `Usage: npm start -- [--locale ${SUPPORTED_LOCALES.join('|')}] [--fast] [--time-zone ZONE] [--verbose] [--data DIR]`,
  '  --fast        a minute passes in a second, so compress timers ring while you watch',
  "  --time-zone   the device time zone reminders use, e.g. Europe/London (default: this machine's)",
  '',
].join('\n');

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    locale: 'en-US',
    verbose: false,
    dataDir: join(process.cwd(), '.data'),
    fast: false,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  const value = (i: number, flag: string): string => {
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) fail(`${flag} needs a value.`);
    return next;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--locale' || arg === '-l') options.locale = value(i++, arg);
    else if (arg === '--verbose' || arg === '-v') options.verbose = true;
    else if (arg === '--data') options.dataDir = value(i++, arg);
    else if (arg === '--fast') options.fast = true;
    else if (arg === '--time-zone') options.timeZone = value(i++, arg);
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else fail(`Unknown option ${arg}.`);
  }
  if (!isSupportedLocale(options.locale)) fail(`Unknown locale ${options.locale}; choose one of ${SUPPORTED_LOCALES.join(', ')}.`);
  if (!isTimeZone(options.timeZone)) fail(`Unknown time zone ${options.timeZone}; use an IANA name such as Europe/London or America/New_York.`);
  return options;
}

function show(turn: Turn, verbose: boolean, conversation: Conversation): void {
  const name = conversation.matcher.invocationName;
  const yes = conversation.matcher.words.approvals?.[0] ?? 'yes';
  const lines: string[] = [];
  if (turn.intent) lines.push(`  (heard as ${turn.intent})`);
  if (turn.speech) lines.push(`Alexa: ${turn.speech}`);
  if (turn.card) lines.push(`  [card in the Alexa app] ${turn.card.title}: ${turn.card.content.length > 80 ? `${turn.card.content.slice(0, 77)}...` : turn.card.content}`);
  for (const directive of turn.directives) {
    if (directive.type === 'Connections.SendRequest') {
      const scope = (directive as { payload?: { permissionScopes?: { permissionScope?: string }[] } }).payload?.permissionScopes?.[0]?.permissionScope;
      const what = scope === TIMERS_SCOPE ? 'set timers' : 'set reminders';
      lines.push(`Alexa (its own question, in the locale's language): may ${name} ${what}? Answer "${yes}" to allow it, anything else to refuse.`);
    } else {
      lines.push(`  [directive] ${directive.type}`);
    }
  }
  if (verbose && turn.reprompt) lines.push(`  (if you say nothing: ${turn.reprompt})`);
  if (turn.ended) lines.push(`  (session ended: open "${name}" again, or ask a question to start again)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const clock: Clock = options.fast ? new ScaledClock(60) : systemClock;
  let prompt = (): void => undefined;
  // The Alexa APIs on loopback: timers really ring here, and their announcements print.
  const alexa = await startAlexaApiEmulator({
    clock,
    realTime: { tickMs: 250 },
    onAnnouncement: (announcement) => {
      process.stdout.write(`\n[${announcement.kind === 'timer' ? 'timer' : 'reminder'} rings] Alexa: ${announcement.text}\n`);
      prompt();
    },
  });
  const userId = 'amzn1.ask.account.LOCAL-TERMINAL-USER';
  const deviceId = 'amzn1.ask.device.LOCAL-TERMINAL-DEVICE';
  alexa.setTimeZone(deviceId, options.timeZone);
  const logger = options.verbose ? jsonLogger((line) => process.stderr.write(`${line}\n`)) : silentLogger;
  const skill = createSkill({ personStore: new FilePersonStore({ directory: options.dataDir, logger }), clock, logger });
  const conversation = new Conversation({
    skill,
    locale: options.locale,
    clock,
    userId,
    deviceId,
    apiEndpoint: alexa.url,
    apiAccessToken: () => alexa.tokenFor(userId),
    onPermissionAnswer: (scope, status) => {
      if (status === 'ACCEPTED') alexa.grant(userId, scope as PermissionScope);
    },
  });
  process.stdout.write(
    [
      `Back Spasm Helper, ${options.locale}. Type what you would say to Alexa; Enter on its own means silence.`,
      `Try: ${listingOf(options.locale as SupportedLocale).examplePhrases.map((phrase) => `"${phrase}"`).join(', ')}.`,
      options.fast ? 'Fast mode: a minute passes every second.' : 'Add --fast to hear timers ring in seconds instead of minutes.',
      'Type .quit to leave.',
      '',
    ].join('\n'),
  );
  const input = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  input.setPrompt('You: ');
  // Piped input closes the interface while its lines are still being answered; Node 24 throws
  // on a prompt after close, so prompts stop then.
  let closed = false;
  prompt = () => {
    if (!closed) input.prompt(true);
  };
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
        if (turn) show(turn, options.verbose, conversation);
      } else {
        if (!conversation.sessionOpen && !conversation.isInvocation(text)) {
          process.stdout.write(`  (the session had ended: on a device you would name "${conversation.matcher.invocationName}" first; this goes to the skill as a new request)\n`);
        }
        show(await conversation.say(conversation.asSpoken(text)), options.verbose, conversation);
      }
      if (!closed) input.prompt();
    });
  });
  input.on('close', () => {
    closed = true;
    void queue.then(async () => {
      await alexa.close();
      process.stdout.write('\nBye.\n');
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
