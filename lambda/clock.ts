/** Where the skill and the local Alexa API emulator read the time; tests pass one they control. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
