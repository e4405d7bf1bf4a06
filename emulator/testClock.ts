import type { Clock } from './time';

/** A clock tests move by hand, so a 15-minute timer can "ring" without waiting 15 minutes. */
export class TestClock implements Clock {
  constructor(private ms: number = Date.UTC(2025, 0, 15, 17, 0, 0)) {}

  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }
}
