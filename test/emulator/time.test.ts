import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isoInstant, localToEpoch, zoneOffsetAt } from '../../emulator/time';

// Expected instants are written out by hand from the zones' published rules, not computed
// by any code of the skill's, so the emulator and the skill cannot agree on a shared bug.
describe("the emulator's own time code", () => {
  test.each([
    ['2026-11-25T19:00:00', 'America/New_York', '2026-11-26T00:00:00.000Z'],
    ['2026-07-01T19:00:00', 'America/New_York', '2026-07-01T23:00:00.000Z'],
    ['2026-11-25T19:00:00', 'Asia/Kolkata', '2026-11-25T13:30:00.000Z'],
    ['2026-11-25T19:00:00', 'Australia/Adelaide', '2026-11-25T08:30:00.000Z'],
    ['2026-11-25T19:00:00', 'UTC', '2026-11-25T19:00:00.000Z'],
    ['2026-11-25T19:00:00.500', 'Europe/London', '2026-11-25T19:00:00.000Z'],
    // Clocks go back (first 01:30 is in summer time) and forward (02:30 does not exist).
    ['2026-11-01T01:30:00', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-03-08T02:30:00', 'America/New_York', '2026-03-08T07:30:00.000Z'],
  ])('%s in %s is %s', (local, zone, utc) => {
    expect(new Date(localToEpoch(local, zone)).toISOString()).toBe(utc);
  });

  test('offsets come from the zone names Intl gives', () => {
    expect(zoneOffsetAt(Date.UTC(2026, 0, 15), 'Asia/Kathmandu')).toBe((5 * 60 + 45) * 60 * 1000);
    expect(zoneOffsetAt(Date.UTC(2026, 0, 15), 'America/Los_Angeles')).toBe(-8 * 60 * 60 * 1000);
    expect(zoneOffsetAt(Date.UTC(2026, 0, 15), 'Etc/UTC')).toBe(0);
  });

  test('instants are whole seconds in UTC', () => {
    expect(isoInstant(Date.UTC(2026, 10, 25, 15, 0, 0, 999))).toBe('2026-11-25T15:00:00Z');
  });

  test('a malformed local time is refused', () => {
    expect(() => localToEpoch('2026-11-25 19:00', 'UTC')).toThrow(RangeError);
  });

  test("the emulator imports none of the skill's code", () => {
    const dir = join(__dirname, '..', '..', 'emulator');
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      expect({ file, imports: readFileSync(join(dir, file), 'utf8').match(/from '\.\.\/lambda[^']*'/g) ?? [] }).toEqual({ file, imports: [] });
    }
  });
});
