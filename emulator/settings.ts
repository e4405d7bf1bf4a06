/** Device settings (Alexa Settings API / ups service): GET /v2/devices/{deviceId}/settings/{key}. */

import { errorBody } from './failures';
import type { ApiResult } from './timers';
import { isValidTimeZone } from './validation';

export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';
/** Unit defaults match a US device; the SDK types them as METRIC|IMPERIAL and CELSIUS|FAHRENHEIT. */
const UNIT_DEFAULTS: Record<string, string> = { 'System.distanceUnits': 'IMPERIAL', 'System.temperatureUnit': 'FAHRENHEIT' };

export class DeviceSettings {
  private zones = new Map<string, string>();

  setTimeZone(deviceId: string, tz: string): void {
    if (!isValidTimeZone(tz)) throw new RangeError(`not an IANA time zone: ${tz}`);
    this.zones.set(deviceId, tz);
  }

  timeZone(deviceId: string): string {
    return this.zones.get(deviceId) ?? DEFAULT_TIME_ZONE;
  }

  /** The API answers a bare JSON string, e.g. "America/New_York". */
  get(deviceId: string, key: string): ApiResult {
    if (key === 'System.timeZone') return { status: 200, body: this.timeZone(deviceId) };
    const unit = UNIT_DEFAULTS[key];
    if (unit !== undefined) return { status: 200, body: unit };
    return { status: 404, body: errorBody('settings', 404, `Unknown setting ${key}`) };
  }

  clear(): void {
    this.zones.clear();
  }
}
