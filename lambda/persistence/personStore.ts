import { type RequestEnvelope } from 'ask-sdk-model';
import { withinDeadline } from '../deadline';
import { readPersonState, type PersonState } from '../personState';

/**
 * The storage port: what the skill needs from any store of people's state. A store keeps
 * each field of PersonState on its own, so that two devices of one person, each changing
 * different fields, never undo each other: a write names only the fields that changed, and
 * reminder tokens are a set that tokens are added to and deleted from one by one.
 */
export interface PersonStore {
  /** The person's stored state; a record that cannot be read is reported, never thrown away. */
  read(envelope: RequestEnvelope): Promise<StoredPerson>;
  /** Writes just these changes (and refreshes the record's expiry); other fields stay as stored. */
  update(envelope: RequestEnvelope, changes: PersonChanges): Promise<void>;
  /** Deletes the person's whole record ("forget me", the skill disabled). */
  delete(envelope: RequestEnvelope): Promise<void>;
}

export type StoredPerson =
  | {
      readonly kind: 'found';
      /** What could be read; fields that could not are left out here and kept as stored. */
      readonly person: PersonState;
      /** Fields present in the record whose value could not be read. */
      readonly invalidFields: readonly PersonField[];
    }
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'unreadable';
      /** Why, in words that carry nothing of the record's contents. */
      readonly reason: string;
    };

export type PersonField = keyof PersonState;

/** Every field of PersonState: adding one there without listing it here does not compile. */
const FIELDS: Record<PersonField, true> = {
  disclaimerHeard: true,
  position: true,
  lastColdCompressEndsAt: true,
  lastWarmCompressEndsAt: true,
  reminderTokens: true,
};
export const PERSON_FIELDS = Object.keys(FIELDS) as readonly PersonField[];

/** What one request changed about a person. */
export interface PersonChanges {
  /** Fields written with a new value. reminderTokens here replaces the whole set (only when what was stored could not be read as one). */
  readonly set: Partial<PersonState>;
  /** Fields removed. */
  readonly remove: readonly PersonField[];
  /** Reminder tokens added to the stored set; tokens another device added stay. */
  readonly addTokens: readonly string[];
  /** Reminder tokens deleted from the stored set. */
  readonly deleteTokens: readonly string[];
}

/** A write was refused because the stored record could not be read; it is left as it is. */
export class UnreadableRecordError extends Error {
  constructor(reason: string) {
    super(`stored record is unreadable (${reason}); it was not written`);
    this.name = 'UnreadableRecordError';
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What changed between the state read at the start of a request and the state handlers left.
 * Only values that would read back are written (readPersonState), so a handler's mistake is
 * not stored. A field the store could not read is written only if a handler changed it.
 * Undefined when nothing changed.
 */
export function personChanges(before: PersonState, after: PersonState, invalidFields: readonly PersonField[] = []): PersonChanges | undefined {
  const was = readPersonState(before);
  const now = readPersonState(after);
  const set: Partial<Record<PersonField, unknown>> = {};
  const remove: PersonField[] = [];
  for (const field of PERSON_FIELDS) {
    if (field === 'reminderTokens') continue;
    if (same(was[field], now[field])) continue;
    if (now[field] === undefined) remove.push(field);
    else set[field] = now[field];
  }
  const wasTokens = new Set(was.reminderTokens ?? []);
  const nowTokens = new Set(now.reminderTokens ?? []);
  let addTokens = [...nowTokens].filter((token) => !wasTokens.has(token));
  let deleteTokens = [...wasTokens].filter((token) => !nowTokens.has(token));
  if (invalidFields.includes('reminderTokens') && (addTokens.length > 0 || deleteTokens.length > 0)) {
    // What was stored is not a set of tokens: adding to it cannot work, so the set is written whole.
    if (nowTokens.size > 0) set.reminderTokens = [...nowTokens];
    else remove.push('reminderTokens');
    addTokens = [];
    deleteTokens = [];
  }
  if (Object.keys(set).length === 0 && remove.length === 0 && addTokens.length === 0 && deleteTokens.length === 0) return undefined;
  return { set: set as Partial<PersonState>, remove, addTokens, deleteTokens };
}

/** Whether a change writes anything about the person, rather than only taking things away. */
export function addsAnything(changes: PersonChanges): boolean {
  return Object.keys(changes.set).length > 0 || changes.addTokens.length > 0;
}

/**
 * Applies changes to a stored record as a plain object, keeping every field they do not name
 * (including ones this version cannot read). For stores that hold a record as one document.
 */
export function applyPersonChanges(record: Readonly<Record<string, unknown>>, changes: PersonChanges): Record<string, unknown> {
  const next: Record<string, unknown> = { ...record };
  for (const [field, value] of Object.entries(changes.set)) next[field] = Array.isArray(value) ? [...value] : value;
  for (const field of changes.remove) delete next[field];
  if (changes.addTokens.length > 0 || changes.deleteTokens.length > 0) {
    const stored = Array.isArray(next.reminderTokens) ? next.reminderTokens.filter((token): token is string => typeof token === 'string') : [];
    const deleted = new Set(changes.deleteTokens);
    const tokens = [...new Set([...stored, ...changes.addTokens])].filter((token) => !deleted.has(token));
    if (tokens.length > 0) next.reminderTokens = tokens;
    else delete next.reminderTokens;
  }
  return next;
}

function fieldReads(field: PersonField, value: unknown, person: PersonState): boolean {
  if (field === 'reminderTokens') return Array.isArray(value) && value.every((token) => typeof token === 'string');
  return person[field] !== undefined;
}

/**
 * A stored record as the port reports it. Not an object (null, a string, a list), or an object
 * none of whose fields can be read: unreadable. Some fields readable: found, with the others
 * named, so they are kept as stored unless a handler sets them anew.
 */
export function classifyRecord(raw: unknown): StoredPerson {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Buffer.isBuffer(raw)) {
    return { kind: 'unreadable', reason: raw === null ? 'the record is null' : `the record is ${Array.isArray(raw) ? 'a list' : `a ${typeof raw}`}` };
  }
  const record = raw as Record<string, unknown>;
  const person = readPersonState(record);
  const present = PERSON_FIELDS.filter((field) => record[field] !== undefined);
  const invalidFields = present.filter((field) => !fieldReads(field, record[field], person));
  if (present.length > 0 && invalidFields.length === present.length) {
    return { kind: 'unreadable', reason: `no field of the record has the right type (${invalidFields.join(', ')})` };
  }
  return { kind: 'found', person, invalidFields };
}

/** The longest one storage call may take, when the request's deadline leaves that much. */
export const STORAGE_CALL_CAP_MS = 2500;

/**
 * The store with every call held to the request's deadline (and at most capMs): a store that
 * hangs costs the person a moment, never their answer. A call is not started with no time left.
 */
export function withStorageDeadline(store: PersonStore, capMs = STORAGE_CALL_CAP_MS): PersonStore {
  return {
    read: (envelope) => withinDeadline(() => store.read(envelope), 'storage', capMs),
    update: (envelope, changes) => withinDeadline(() => store.update(envelope, changes), 'storage', capMs),
    delete: (envelope) => withinDeadline(() => store.delete(envelope), 'storage', capMs),
  };
}
