import { type Clock } from '../lambda/clock';

/**
 * A clock that runs `factor` times faster than real time from the moment it is made:
 * with 60, a 15-minute compress timer rings after 15 real seconds. For trying the
 * timers in the terminal; the skill and the emulator must share one.
 */
export class ScaledClock implements Clock {
  private readonly startedAt = Date.now();
  constructor(private readonly factor: number) {}

  now(): number {
    return this.startedAt + (Date.now() - this.startedAt) * this.factor;
  }
}
