import type { RouteContext } from '../platform';

/** One entry of a Graph `fields` list: `creative{id,name}` has sub-fields. */
export interface FieldSelection {
  name: string;
  fields: FieldSelection[] | null;
}

/** Parses `id,name,creative{id,thumbnail_url}` (modifiers such as `.limit(5)` are ignored). */
export function parseFields(text: string): FieldSelection[] | null {
  const out: FieldSelection[] = [];
  let i = 0;
  const parseList = (into: FieldSelection[], nested: boolean): boolean => {
    while (i < text.length) {
      const name = /^[a-zA-Z0-9_]+/.exec(text.slice(i))?.[0];
      if (!name) return false;
      i += name.length;
      const modifier = /^\.[a-z_]+\([^)]*\)/.exec(text.slice(i));
      if (modifier) i += modifier[0].length;
      let fields: FieldSelection[] | null = null;
      if (text.charAt(i) === '{') {
        i++;
        fields = [];
        if (!parseList(fields, true) || text.charAt(i) !== '}') return false;
        i++;
      }
      into.push({ name, fields });
      if (text.charAt(i) === ',') {
        i++;
        continue;
      }
      return nested ? text.charAt(i) === '}' : i === text.length;
    }
    return !nested;
  };
  return parseList(out, false) ? out : null;
}

const encodeCursor = (offset: number) => Buffer.from(`sandbox:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number | undefined {
  const match = /^sandbox:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

export type PageResult<T> =
  | { ok: true; body: { data: T[]; paging?: Record<string, unknown> } }
  | { ok: false; message: string };

/**
 * Cursor paging as Graph does it: `limit` rows, `paging.cursors.{before,after}`, and `paging.next`
 * as an absolute URL back to the sandbox (the same query with the new `after`).
 */
export function graphPage<T>(context: RouteContext, rows: readonly T[], defaultLimit = 25): PageResult<T> {
  const q = context.request.query;
  const rawLimit = q.get('limit');
  const limit = rawLimit === null ? defaultLimit : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000)
    return { ok: false, message: 'Param limit must be an integer between 1 and 5000' };
  const after = q.get('after');
  const offset = after ? decodeCursor(after) : 0;
  if (offset === undefined) return { ok: false, message: 'Param after is not a valid cursor' };
  const data = rows.slice(offset, offset + limit);
  if (data.length === 0) return { ok: true, body: { data: [] } };
  const link = (cursor: string) => {
    const next = new URLSearchParams(q);
    next.delete('before');
    next.set('after', cursor);
    return `${context.request.origin}/${context.request.host}${context.request.path}?${next.toString()}`;
  };
  const end = offset + data.length;
  const paging: Record<string, unknown> = {
    cursors: { before: encodeCursor(offset), after: encodeCursor(end) },
  };
  if (end < rows.length) paging.next = link(encodeCursor(end));
  return { ok: true, body: { data, paging } };
}
