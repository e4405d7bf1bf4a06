import { type RequestEnvelope } from 'ask-sdk-model';
import { type AlexaApiEmulator } from '../../emulator';
import { type SessionInfo } from '../../tools/envelopes';
import { type Variant } from './builds';
import { intentEnvelope, launchEnvelope, type Person } from './requests';
import { type WarmScenario, type WarmStep } from './samples';

const TIMERS_SCOPE = 'alexa::alerts:timers:skill:readwrite';
export type WarmScenarioName = 'launchReturning' | 'next' | 'redFlag' | 'coldTimer';
export const WARM_SCENARIOS: readonly WarmScenarioName[] = ['launchReturning', 'next', 'redFlag', 'coldTimer'];

/**
 * The warm-latency scenarios, each `warmup + iterations` times: every variant gets the same
 * requests, with its own people (user ids) so that no variant sees another's saved state.
 */
export function warmScenarios(
  variant: Variant,
  emulator: AlexaApiEmulator,
  midWalkSession: SessionInfo,
  iterations: number,
  warmup: number,
  only: readonly WarmScenarioName[] = WARM_SCENARIOS,
): WarmScenario[] {
  const total = warmup + iterations;
  const timed = (envelope: RequestEnvelope): WarmStep => ({ envelope, measured: true });
  const untimed = (envelope: RequestEnvelope): WarmStep => ({ envelope, measured: false });
  const repeat = (make: (i: number) => WarmStep[]): WarmStep[][] => Array.from({ length: total }, (_, i) => make(i));

  const launcher: Person = { userId: `amzn1.ask.account.bench-warm-launch-${variant}` };
  const walker: Person = { userId: `amzn1.ask.account.bench-warm-next-${variant}` };
  const worried: Person = { userId: `amzn1.ask.account.bench-warm-redflag-${variant}` };
  const make: Record<WarmScenarioName, () => WarmScenario> = {
    // A returning person opens the skill: one storage read, nothing to write.
    launchReturning: () => ({
      name: 'launchReturning',
      setup: [untimed(launchEnvelope(launcher))],
      iterations: repeat(() => [timed(launchEnvelope(launcher))]),
      warmup,
    }),
    // "Next" from step 3 to step 4 (read + write), then "go back" to step 3, untimed.
    next: () => ({
      name: 'next',
      setup: [
        untimed(launchEnvelope(walker)),
        untimed(intentEnvelope(walker, 'treatment', midWalkSession)),
        untimed(intentEnvelope(walker, 'next', midWalkSession)),
        untimed(intentEnvelope(walker, 'next', midWalkSession)),
      ],
      iterations: repeat(() => [timed(intentEnvelope(walker, 'next', midWalkSession)), untimed(intentEnvelope(walker, 'previous', midWalkSession))]),
      warmup,
    }),
    // "I can't feel my legs": the urgent warning, one storage read.
    redFlag: () => ({
      name: 'redFlag',
      setup: [untimed(launchEnvelope(worried))],
      iterations: repeat(() => [timed(intentEnvelope(worried, 'redFlag'))]),
      warmup,
    }),
    // "Start a cold compress timer", each time by someone new who has granted the timers
    // permission: storage read, list timers, create one, storage write. A new person each
    // time, so the same-label check never finds the last iteration's timer still running.
    coldTimer: () => ({
      name: 'coldTimer',
      setup: [],
      iterations: repeat((i) => {
        const userId = `amzn1.ask.account.bench-warm-timer-${variant}-${i}-${Date.now()}`;
        emulator.grant(userId, TIMERS_SCOPE);
        return [timed(intentEnvelope({ userId, apiEndpoint: emulator.url, apiAccessToken: emulator.tokenFor(userId) }, 'coldTimer'))];
      }),
      warmup,
    }),
  };
  return only.map((name) => make[name]());
}
