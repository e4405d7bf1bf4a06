/**
 * DynamoDB's typed JSON ("AttributeValue") to and from plain values, for the few shapes a
 * person's record holds: booleans, numbers, strings, maps, lists and the set of reminder tokens.
 */
export type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly B: string }
  | { readonly BS: readonly string[] }
  | { readonly L: readonly AttributeValue[] }
  | { readonly M: Readonly<Record<string, AttributeValue>> };

export type Item = Readonly<Record<string, AttributeValue>>;

/** A plain value as DynamoDB stores it. Arrays become lists; a string set is made with stringSet(). */
export function toAttributeValue(value: unknown): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'boolean':
      return { BOOL: value };
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('DynamoDB cannot store a number that is not finite');
      return { N: String(value) };
    case 'object':
      if (value === null) return { NULL: true };
      if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
      return {
        M: Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, entry]) => entry !== undefined)
            .map(([key, entry]) => [key, toAttributeValue(entry)]),
        ),
      };
    default:
      throw new TypeError(`DynamoDB cannot store a ${typeof value}`);
  }
}

/** A DynamoDB string set; it cannot be empty. */
export function stringSet(values: readonly string[]): AttributeValue {
  if (values.length === 0) throw new TypeError('a DynamoDB string set cannot be empty');
  return { SS: [...new Set(values)] };
}

/**
 * The plain value of an AttributeValue. Sets become arrays, binary becomes a Buffer; anything
 * not in DynamoDB's type list comes back as undefined, so a damaged item reads as invalid
 * rather than throwing.
 */
export function fromAttributeValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const typed = value as Record<string, unknown>;
  if (typeof typed.S === 'string') return typed.S;
  if (typeof typed.N === 'string') return Number(typed.N);
  if (typeof typed.BOOL === 'boolean') return typed.BOOL;
  if (typed.NULL === true) return null;
  if (Array.isArray(typed.SS)) return typed.SS.filter((entry): entry is string => typeof entry === 'string');
  if (Array.isArray(typed.NS)) return typed.NS.map(Number);
  if (typeof typed.B === 'string') return Buffer.from(typed.B, 'base64');
  if (Array.isArray(typed.BS)) return typed.BS.map((entry) => Buffer.from(String(entry), 'base64'));
  if (Array.isArray(typed.L)) return typed.L.map(fromAttributeValue);
  if (typeof typed.M === 'object' && typed.M !== null) return fromItem(typed.M as Item);
  return undefined;
}

export function fromItem(item: Item): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) plain[key] = fromAttributeValue(value);
  return plain;
}

/** Which DynamoDB type an attribute has ("SS", "M", ...), or undefined when it is not one. */
export function attributeType(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 ? keys[0] : undefined;
}
