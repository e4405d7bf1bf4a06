import { startAlexaApiEmulator, type AlexaApiEmulator } from '../../emulator';
import { failureOf, sdkClients } from './support';

let emu: AlexaApiEmulator;
beforeEach(async () => {
  emu = await startAlexaApiEmulator();
});
afterEach(() => emu.close());

test('System.timeZone defaults to America/Los_Angeles and follows setTimeZone per device', async () => {
  const ups = sdkClients(emu, emu.tokenFor('u1')).ups;
  expect(await ups.getSystemTimeZone('device-kitchen')).toBe('America/Los_Angeles');
  emu.setTimeZone('device-bedroom', 'America/New_York');
  expect(await ups.getSystemTimeZone('device-bedroom')).toBe('America/New_York');
  expect(await ups.getSystemTimeZone('device-kitchen')).toBe('America/Los_Angeles');
  expect(emu.requests[1]).toMatchObject({ method: 'GET', path: '/v2/devices/device-bedroom/settings/System.timeZone', api: 'settings', status: 200 });
});

test('distance and temperature units answer the SDK enum values', async () => {
  const ups = sdkClients(emu, emu.tokenFor('u1')).ups;
  expect(await ups.getSystemDistanceUnits('d')).toBe('IMPERIAL');
  expect(await ups.getSystemTemperatureUnit('d')).toBe('FAHRENHEIT');
});

test('settings need only a valid token; a bad one is 401 INVALID_TOKEN', async () => {
  const err = await failureOf(sdkClients(emu, 'forged').ups.getSystemTimeZone('d'));
  expect(err).toMatchObject({ statusCode: 401, message: 'The authentication token is malformed or invalid.', response: { code: 'INVALID_TOKEN' } });
});

test('setTimeZone rejects names that are not IANA zones', () => {
  expect(() => emu.setTimeZone('d', 'Mars/Olympus_Mons')).toThrow(RangeError);
});
