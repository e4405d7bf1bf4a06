/**
 * Local HTTP emulator of the Alexa service APIs the skill calls (Timers v1, Reminders v1, device
 * Settings). The skill reaches it only through the real ASK SDK service clients, by pointing
 * context.System.apiEndpoint at `url` and context.System.apiAccessToken at a token from `tokenFor`.
 */

import http from 'http';
import { randomUUID } from 'crypto';
import type { services } from 'ask-sdk-model';
import { systemClock, type Clock } from './time';
import { errorBody, FailureQueue, type Api, type Failure, type FailureOptions } from './failures';
import { ReminderStore, type ReminderRecord } from './reminders';
import { DEFAULT_TIME_ZONE, DeviceSettings } from './settings';
import { TimerStore, type ApiResult, type TimerRecord } from './timers';
import { validateReminderRequest, validateTimerRequest } from './validation';

export type { Failure, Api, FailureOptions } from './failures';
export type { TimerRecord } from './timers';
export type { ReminderRecord } from './reminders';
export { validateTimerRequest, validateReminderRequest } from './validation';
export { TestClock } from './testClock';

export type PermissionScope = 'alexa::alerts:timers:skill:readwrite' | 'alexa::alerts:reminders:skill:readwrite';
const TIMERS_SCOPE: PermissionScope = 'alexa::alerts:timers:skill:readwrite';
const REMINDERS_SCOPE: PermissionScope = 'alexa::alerts:reminders:skill:readwrite';

export interface Announcement {
  /** Which kind of alert rang; for reminders `timerId` holds the alertToken and `label` is empty. */
  kind: 'timer' | 'reminder';
  userId: string;
  timerId: string;
  label: string;
  locale: string;
  /** Empty for a NOTIFY_ONLY timer (chime only). */
  text: string;
  at: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  api: Api | undefined;
  headers: Readonly<Record<string, string>>;
  authorization: string | undefined;
  /** The user the bearer token belongs to, when it was a valid token. */
  userId: string | undefined;
  body: unknown;
  status: number | 'timeout' | 'reset';
  /** Empty when the body matched the documented shape (or the request has no body to check). */
  validationErrors: string[];
  at: number;
}

export interface EmulatorOptions {
  clock?: Clock;
  /** Default 0 = an ephemeral port; the emulator only ever listens on 127.0.0.1. */
  port?: number;
  /** Fire due alerts on a wall-clock interval (for the terminal tool); tests call fireDue instead. */
  realTime?: { tickMs: number };
  onAnnouncement?: (a: Announcement) => void;
  /** How long a 'timeout' failure holds the request before destroying the socket. Default 10000. */
  timeoutMs?: number;
}

export interface AlexaApiEmulator {
  readonly url: string;
  tokenFor(userId: string): string;
  grant(userId: string, scope: PermissionScope): void;
  revoke(userId: string, scope: PermissionScope): void;
  hasPermission(userId: string, scope: PermissionScope): boolean;
  setTimeZone(deviceId: string, tz: string): void;
  /** The next `times` matching requests fail that way; options narrow it to one method, after letting some through. */
  failNext(api: Api | 'any', failure: Failure, times?: number, options?: FailureOptions): void;
  readonly requests: readonly RecordedRequest[];
  activeTimers(userId: string): TimerRecord[];
  reminders(userId: string): ReminderRecord[];
  addForeignTimers(userId: string, n: number): void;
  fireDue(): Announcement[];
  reset(): void;
  close(): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Which grant the token's user needs; settings need nothing beyond a valid token. */
  scope: PermissionScope | undefined;
  handle: (ctx: { userId: string; params: string[]; body: unknown; now: number }) => ApiResult;
  validate: ((body: unknown) => string[]) | undefined;
}

/** '/v1/alerts/timers/:id/pause' -> a route whose :params arrive in order in ctx.params. */
function route(method: string, template: string, scope: PermissionScope | undefined, handle: Route['handle'], validate?: Route['validate']): Route {
  return { method, pattern: new RegExp(`^${template.replace(/:\w+/g, '([^/]+)')}$`), scope, handle, validate };
}

function apiOf(path: string): Api | undefined {
  if (path.startsWith('/v1/alerts/timers')) return 'timers';
  if (path.startsWith('/v1/alerts/reminders')) return 'reminders';
  if (path.startsWith('/v2/devices/')) return 'settings';
  return undefined;
}

function timerAnnouncement(t: TimerRecord): Announcement {
  const op = t.request?.triggeringBehavior.operation;
  const texts = op?.type === 'ANNOUNCE' ? op.textToAnnounce : op?.type === 'LAUNCH_TASK' ? op.textToConfirm : undefined;
  const first = texts?.[0];
  return { kind: 'timer', userId: t.userId, timerId: t.id, label: t.label ?? '', locale: first?.locale ?? '', text: first?.text ?? '', at: t.triggerAt ?? 0 };
}

function reminderAnnouncement(r: ReminderRecord, at: number): Announcement {
  const first = r.request.alertInfo?.spokenInfo?.content[0];
  const text = first?.text ?? first?.ssml?.replace(/<[^>]+>/g, '') ?? '';
  return { kind: 'reminder', userId: r.userId, timerId: r.alertToken, label: '', locale: first?.locale ?? '', text, at };
}

export async function startAlexaApiEmulator(opts: EmulatorOptions = {}): Promise<AlexaApiEmulator> {
  const clock = opts.clock ?? systemClock;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const timers = new TimerStore();
  const reminderStore = new ReminderStore();
  const settings = new DeviceSettings();
  const failures = new FailureQueue();
  const tokens = new Map<string, string>(); // token -> userId
  const permissions = new Map<string, Set<PermissionScope>>();
  const requests: RecordedRequest[] = [];
  const hanging = new Set<NodeJS.Timeout>();
  let url = '';

  const can = (userId: string, scope: PermissionScope): boolean => permissions.get(userId)?.has(scope) ?? false;

  type TimerRequest = services.timerManagement.TimerRequest;
  type ReminderRequest = services.reminderManagement.ReminderRequest;
  const T = TIMERS_SCOPE;
  const R = REMINDERS_SCOPE;
  const routes: Route[] = [
    route('POST', '/v1/alerts/timers', T, ({ userId, body, now }) => timers.create(userId, body as TimerRequest, now), validateTimerRequest),
    route('GET', '/v1/alerts/timers', T, ({ userId }) => timers.list(userId)),
    route('DELETE', '/v1/alerts/timers', T, ({ userId }) => timers.removeAll(userId)),
    route('GET', '/v1/alerts/timers/:id', T, ({ userId, params: [id = ''] }) => timers.get(userId, id)),
    route('DELETE', '/v1/alerts/timers/:id', T, ({ userId, params: [id = ''] }) => timers.remove(userId, id)),
    route('POST', '/v1/alerts/timers/:id/pause', T, ({ userId, params: [id = ''], now }) => timers.pause(userId, id, now)),
    route('POST', '/v1/alerts/timers/:id/resume', T, ({ userId, params: [id = ''], now }) => timers.resume(userId, id, now)),
    route('POST', '/v1/alerts/reminders', R,
      ({ userId, body, now }) => reminderStore.create(userId, body as ReminderRequest, now, DEFAULT_TIME_ZONE, url), validateReminderRequest),
    route('GET', '/v1/alerts/reminders', R, ({ userId }) => reminderStore.list(userId)),
    route('GET', '/v1/alerts/reminders/:alertToken', R, ({ userId, params: [token = ''] }) => reminderStore.get(userId, token)),
    route('PUT', '/v1/alerts/reminders/:alertToken', R,
      ({ userId, params: [token = ''], body, now }) => reminderStore.update(userId, token, body as ReminderRequest, now, DEFAULT_TIME_ZONE, url), validateReminderRequest),
    route('DELETE', '/v1/alerts/reminders/:alertToken', R, ({ userId, params: [token = ''] }) => reminderStore.remove(userId, token)),
    route('GET', '/v2/devices/:deviceId/settings/:key', undefined, ({ params: [device = '', key = ''] }) => settings.get(device, key)),
  ];

  function answer(res: http.ServerResponse, record: RecordedRequest, result: ApiResult): void {
    record.status = result.status;
    if (result.body === undefined) return void res.writeHead(result.status).end();
    res.writeHead(result.status, { 'content-type': 'application/json' }).end(JSON.stringify(result.body));
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const api = apiOf(path);
    const match = routes.map((r) => ({ r, m: r.method === method ? r.pattern.exec(path) : null })).find((x) => x.m);
    let body: unknown;
    let parseError: string | undefined;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      parseError = 'body is not valid JSON';
    }
    const authorization = req.headers.authorization;
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const userId = token ? tokens.get(token) : undefined;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v ?? '']));
    // Body shape is recorded for every request that carries one, whatever happens next, so tests
    // can assert "everything the skill sent was well-formed" even for requests that were refused.
    const validationErrors = match?.r.validate ? (parseError ? [parseError] : match.r.validate(body)) : [];
    const record: RecordedRequest = { method, path, api, headers, authorization, userId, body, status: 0, validationErrors, at: clock.now() };
    requests.push(record);

    const failure = failures.take(api, method);
    if (failure === 'reset') {
      record.status = 'reset';
      return void req.socket.destroy();
    }
    if (failure === 'timeout') {
      record.status = 'timeout';
      const t = setTimeout(() => {
        hanging.delete(t);
        req.socket.destroy();
      }, timeoutMs);
      return void hanging.add(t);
    }
    if (failure !== undefined) return answer(res, record, { status: failure, body: errorBody(api, failure) });

    if (!userId) return answer(res, record, { status: 401, body: errorBody(api, 401, 'The access token is missing or not valid') });
    if (!match) return answer(res, record, { status: 404, body: errorBody(api, 404, `No operation ${method} ${path}`) });
    const { r, m } = match;
    // Every timers/reminders operation in the SDK lists 401 (reminders: "e.g. if customer does not
    // have permission"), and read operations list no 403, so a missing grant answers 401.
    if (r.scope && !can(userId, r.scope)) return answer(res, record, { status: 401, body: errorBody(api, 401, `Permission ${r.scope} not granted`) });
    if (validationErrors.length > 0) return answer(res, record, { status: 400, body: errorBody(api, 400, validationErrors.join('; ')) });
    const params = (m ?? []).slice(1).map((p) => decodeURIComponent(p));
    answer(res, record, r.handle({ userId, params, body, now: clock.now() }));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator did not get a TCP port');
  url = `http://127.0.0.1:${address.port}`;

  const emulator: AlexaApiEmulator = {
    url,
    tokenFor(userId) {
      const existing = [...tokens].find(([, u]) => u === userId)?.[0];
      if (existing) return existing;
      const token = `emu-${randomUUID()}`;
      tokens.set(token, userId);
      return token;
    },
    grant(userId, scope) {
      permissions.set(userId, new Set([...(permissions.get(userId) ?? []), scope]));
    },
    revoke(userId, scope) {
      permissions.get(userId)?.delete(scope);
    },
    hasPermission: can,
    setTimeZone: (deviceId, tz) => settings.setTimeZone(deviceId, tz),
    failNext: (api, failure, times = 1, options) => failures.add(api, failure, times, options),
    requests,
    activeTimers: (userId) => timers.active(userId),
    reminders: (userId) => reminderStore.all(userId),
    addForeignTimers: (userId, n) => timers.addForeign(userId, n, clock.now()),
    fireDue() {
      const now = clock.now();
      const rung = [
        ...timers.takeDue(now).map(timerAnnouncement),
        ...reminderStore.takeDue(now).map(({ reminder, at }) => reminderAnnouncement(reminder, at)),
      ].sort((a, b) => a.at - b.at);
      rung.forEach((a) => opts.onAnnouncement?.(a));
      return rung;
    },
    reset() {
      timers.clear();
      reminderStore.clear();
      settings.clear();
      failures.clear();
      tokens.clear();
      permissions.clear();
      requests.length = 0; // same array, so a reference taken earlier stays live
    },
    async close() {
      clearInterval(ticker);
      hanging.forEach((t) => clearTimeout(t));
      hanging.clear();
      // The SDK's DefaultApiClient uses Node's keep-alive agent; idle sockets would hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const ticker = opts.realTime ? setInterval(() => emulator.fireDue(), opts.realTime.tickMs) : undefined;
  ticker?.unref();
  return emulator;
}
