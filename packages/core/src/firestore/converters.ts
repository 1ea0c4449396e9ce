import type { DocumentData, FirestoreDataConverter, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { Timestamp } from 'firebase-admin/firestore';
import type { z } from 'zod';

/** Replaces Firestore Timestamps with Dates, deeply, so domain schemas see plain Dates. */
export function timestampsToDates(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate();
  if (Array.isArray(value)) return value.map(timestampsToDates);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, timestampsToDates(inner)]));
  }
  return value;
}

export class InvalidDocumentError extends Error {
  constructor(
    readonly path: string,
    readonly issues: string,
  ) {
    super(`Firestore document ${path} does not match the contract: ${issues}`);
    this.name = 'InvalidDocumentError';
  }
}

/**
 * A converter that validates every read against the contract's zod schema (a document that drifted
 * is an error, not a silent `undefined`) and every write before it leaves the process.
 * Dates are written as-is: firebase-admin stores them as Timestamps.
 */
export function zodConverter<Schema extends z.ZodType<DocumentData>>(
  schema: Schema,
): FirestoreDataConverter<z.infer<Schema>> {
  return {
    toFirestore(model) {
      return schema.parse(model);
    },
    fromFirestore(snapshot: QueryDocumentSnapshot) {
      return parseDocument(schema, snapshot.ref.path, snapshot.data());
    },
  };
}

/** A document's data validated against its schema, as `zodConverter` reads it (for reads made without one). */
export function parseDocument<Schema extends z.ZodType<DocumentData>>(
  schema: Schema,
  path: string,
  data: DocumentData,
): z.output<Schema> {
  const parsed = schema.safeParse(timestampsToDates(data));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new InvalidDocumentError(path, issues);
  }
  return parsed.data;
}
