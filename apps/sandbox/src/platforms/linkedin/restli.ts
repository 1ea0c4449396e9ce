/**
 * Rest.li 2.0 query syntax, as LinkedIn's /rest endpoints read it: `List(a,b)`, `(key:value,...)`,
 * structural characters raw and everything inside a value percent-encoded
 * (`List(urn%3Ali%3AsponsoredAccount%3A123)`). A value whose structure was percent-encoded by a
 * generic URL encoder is not structure, which is why LinkedIn rejects such requests.
 */
export type RestliValue = string | RestliValue[] | { [key: string]: RestliValue };

export class RestliSyntaxError extends Error {}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new RestliSyntaxError(`bad percent-encoding in "${text}"`);
  }
}

/** Parses one structured value (`List(...)` or `(...)`) or a primitive. */
export function parseRestli(raw: string): RestliValue {
  let i = 0;
  const primitive = (): string => {
    const start = i;
    while (i < raw.length && !'(),:'.includes(raw.charAt(i))) i++;
    if (raw.charAt(i) === '(') throw new RestliSyntaxError(`unexpected "(" at ${i}`);
    return decode(raw.slice(start, i));
  };
  const value = (): RestliValue => {
    if (raw.startsWith('List(', i)) {
      i += 5;
      const items: RestliValue[] = [];
      if (raw.charAt(i) === ')') {
        i++;
        return items;
      }
      for (;;) {
        items.push(value());
        const c = raw.charAt(i++);
        if (c === ')') return items;
        if (c !== ',')
          throw new RestliSyntaxError(`expected "," or ")" at ${i - 1} (encode ":" inside values as %3A)`);
      }
    }
    if (raw.charAt(i) === '(') {
      i++;
      const map: Record<string, RestliValue> = {};
      if (raw.charAt(i) === ')') {
        i++;
        return map;
      }
      for (;;) {
        const key = primitive();
        if (raw.charAt(i++) !== ':') throw new RestliSyntaxError(`expected ":" after "${key}"`);
        map[key] = value();
        const c = raw.charAt(i++);
        if (c === ')') return map;
        if (c !== ',') throw new RestliSyntaxError(`expected "," or ")" at ${i - 1}`);
      }
    }
    return primitive();
  };
  const result = value();
  if (i !== raw.length) throw new RestliSyntaxError(`unexpected "${raw.charAt(i)}" at ${i}`);
  return result;
}

/** The raw query's parameters: structured ones parsed, plain ones percent-decoded. */
export function parseRestliQuery(rawQuery: string): Map<string, RestliValue> {
  const params = new Map<string, RestliValue>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const raw = eq === -1 ? '' : part.slice(eq + 1);
    params.set(key, raw.startsWith('List(') || raw.startsWith('(') ? parseRestli(raw) : decode(raw));
  }
  return params;
}

export const isMap = (value: RestliValue | undefined): value is Record<string, RestliValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `CAMPAIGN` or Rest.li's enum wrapper `(value:CAMPAIGN)`. */
export function enumValue(value: RestliValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (isMap(value) && typeof value.value === 'string') return value.value;
  return undefined;
}
