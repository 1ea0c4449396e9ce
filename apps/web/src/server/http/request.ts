import type { z } from 'zod';
import { errorBody } from '../auth/errors';
import { bodyLimits, readCappedBody } from './body-limit';
import { describeProblems, type FieldProblem, fieldProblems } from './validation';

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** 400 with `{ error: { code: 'bad_request', message, problems } }`, each problem naming its field. */
export function badRequest(problems: FieldProblem[]): Response {
  const body = errorBody('bad_request', describeProblems(problems));
  return Response.json({ error: { ...body.error, problems } }, { status: 400 });
}

/**
 * Reads (at most `limitBytes`, else 413) and validates a JSON body. A missing body counts as `{}` (so a schema's own "required"
 * messages name the missing fields); anything that is not JSON is refused with 415 or 400.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  limitBytes: number = bodyLimits.rest,
): Promise<Parsed<z.infer<Schema>>> {
  const body = await readCappedBody(request, limitBytes);
  if (!body.ok) return body;
  const text = new TextDecoder().decode(body.bytes);
  let raw: unknown = {};
  if (text.trim() !== '') {
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      return {
        ok: false,
        response: Response.json(
          errorBody('unsupported_media_type', 'send the body as JSON (Content-Type: application/json)'),
          { status: 415 },
        ),
      };
    }
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, response: badRequest([{ field: 'body', problem: 'is not valid JSON' }]) };
    }
  }
  return validate(schema, raw, 'body');
}

/** How a route's query string maps onto its typed input. */
export interface QueryShape {
  /** Parameters that hold lists: `providerIds=google,tiktok` or repeated `providerIds=...`. */
  lists?: readonly string[];
  /** Parameters that hold whole numbers. */
  integers?: readonly string[];
}

/**
 * Validates the query string with the same schema as the procedure it mirrors, after turning text
 * into lists and numbers where `shape` says so (text that is no number stays text, so the schema's
 * own message names the problem).
 */
export function readQuery<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  shape: QueryShape = {},
): Parsed<z.infer<Schema>> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    raw[key] = values.length === 1 ? values[0] : values;
  }
  for (const key of shape.lists ?? []) {
    const values = params.getAll(key);
    if (values.length === 0) continue;
    raw[key] = values
      .flatMap((value) => value.split(','))
      .map((part) => part.trim())
      .filter((part) => part !== '');
  }
  for (const key of shape.integers ?? []) {
    const value = raw[key];
    if (typeof value === 'string' && /^-?\d+$/.test(value)) raw[key] = Number(value);
  }
  return validate(schema, raw, 'query');
}

function validate<Schema extends z.ZodType>(
  schema: Schema,
  raw: unknown,
  where: string,
): Parsed<z.infer<Schema>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, response: badRequest(fieldProblems(result.error.issues, where)) };
}
