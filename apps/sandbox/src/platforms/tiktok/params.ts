import { z } from 'zod';
import { parseJson, type Reply } from '../../http/types';
import type { ApiContext } from '../platform';
import { notAuthorized, ok, paramError } from './envelope';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };
export const fail = (reply: Reply) => ({ ok: false, reply }) as const;

const StringArraySchema = z.array(z.union([z.string(), z.number()]).transform(String));

/** A JSON-encoded array parameter (`dimensions=["campaign_id","stat_time_day"]`). */
export function jsonArray(
  context: ApiContext,
  name: string,
  required: boolean,
): Parsed<string[] | undefined> {
  const raw = context.request.query.get(name);
  if (raw === null)
    return required
      ? fail(paramError(context.now, `${name}: Missing data for required field.`))
      : { ok: true, value: undefined };
  const parsed = StringArraySchema.safeParse(parseJson(raw));
  if (!parsed.success)
    return fail(paramError(context.now, `${name}: Not a valid list (send a JSON array such as ["a","b"]).`));
  return { ok: true, value: parsed.data };
}

/** `advertiser_id`, which the token must have been granted. */
export function advertiserId(context: ApiContext): Parsed<string> {
  const id = context.request.query.get('advertiser_id');
  if (!id) return fail(paramError(context.now, 'advertiser_id: Missing data for required field.'));
  if (!/^\d+$/.test(id)) return fail(paramError(context.now, 'advertiser_id: Not a valid integer.'));
  if (!context.login.accountIds.includes(id)) return fail(notAuthorized(context.now, id));
  return { ok: true, value: id };
}

/** `page` (from 1) and `page_size` (1-1000, default 10). */
export function paging(context: ApiContext): Parsed<{ page: number; pageSize: number }> {
  const q = context.request.query;
  const page = Number(q.get('page') ?? '1');
  const pageSize = Number(q.get('page_size') ?? '10');
  if (!Number.isInteger(page) || page < 1)
    return fail(paramError(context.now, 'page: Must be greater than or equal to 1.'));
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    return fail(paramError(context.now, 'page_size: Must be between 1 and 1000.'));
  }
  return { ok: true, value: { page, pageSize } };
}

/** One page of a list, with TikTok's `page_info`. */
export function pageReply<T>(
  context: ApiContext,
  items: readonly T[],
  page: number,
  pageSize: number,
): Reply {
  const list = items.slice((page - 1) * pageSize, page * pageSize);
  return ok(context.now, {
    list,
    page_info: {
      page,
      page_size: pageSize,
      total_number: items.length,
      total_page: Math.ceil(items.length / pageSize),
    },
  });
}

/** Keeps the requested `fields` of each item (all of them when none are named). */
export function selectFields(
  context: ApiContext,
  items: Array<Record<string, unknown>>,
  known: readonly string[],
): Parsed<Array<Record<string, unknown>>> {
  const fields = jsonArray(context, 'fields', false);
  if (!fields.ok) return fields;
  if (!fields.value) return { ok: true, value: items };
  const unknown = fields.value.find((f) => !known.includes(f));
  if (unknown) return fail(paramError(context.now, `fields: Invalid field ${unknown}.`));
  const wanted = fields.value;
  return { ok: true, value: items.map((item) => Object.fromEntries(wanted.map((f) => [f, item[f]]))) };
}
