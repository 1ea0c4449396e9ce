import type { z } from 'zod';
import { errorBody } from '../auth/errors';
import { describeProblems, type FieldProblem, fieldProblems } from './validation';

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** 400 with `{ error: { code: 'bad_request', message, problems } }`, each problem naming its field. */
export function badRequest(problems: FieldProblem[]): Response {
  const body = errorBody('bad_request', describeProblems(problems));
  return Response.json({ error: { ...body.error, problems } }, { status: 400 });
}

/**
 * Reads and validates a JSON body. A missing body counts as `{}` (so a schema's own "required"
 * messages name the missing fields); anything that is not JSON is refused with 415 or 400.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<Parsed<z.infer<Schema>>> {
  const text = await request.text();
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

/** Validates the query string (each parameter once; repeated parameters become arrays). */
export function readQuery<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Parsed<z.infer<Schema>> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    raw[key] = values.length === 1 && values[0] !== undefined ? values[0] : values;
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
  return { ok: false, response: badRequest(fieldProblems(result.error, where)) };
}
