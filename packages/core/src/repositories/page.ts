import { z } from 'zod';

/** One page of a cursor-paged listing. `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | null;
}

export const maxPageSize = 500;

/** Cursors are opaque to callers: base64url JSON, validated when read back. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this listing returned');
    this.name = 'InvalidCursorError';
  }
}

export function decodeCursor<Schema extends z.ZodType>(cursor: string, schema: Schema): z.infer<Schema> {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError();
  }
}

export function clampPageSize(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('page limit must be a positive integer');
  return Math.min(limit, maxPageSize);
}

export const PathCursorSchema = z.object({ path: z.string().min(1) });
