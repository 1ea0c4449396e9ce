import { FieldPath, type Firestore, type FirestoreDataConverter } from 'firebase-admin/firestore';
import type { z } from 'zod';
import { type AdMetricsDay, AdMetricsDaySchema } from '../contract/ad-metrics';
import { daysBetween, eachDate } from '../contract/calendar';
import type { IsoDate } from '../contract/dates';
import { type ProviderId, providerIds } from '../contract/provider-ids';
import { zodConverter } from '../firestore/converters';
import { adMetricsCollectionPath, adMetricsDocId, parseAdMetricsDocId } from '../firestore/paths';

const converter = zodConverter(AdMetricsDaySchema);

/** Longest range one read may cover (about three years, the platforms' own retention). */
export const maxMetricsRangeDays = 1100;

/** One date of a range read: each requested provider's day document, or null for an empty day. */
export interface MetricsDateRow<Day = AdMetricsDay> {
  date: IsoDate;
  providers: Partial<Record<ProviderId, Day | null>>;
}

/** A day document read with only some of its fields (its `providerId` and `date` always come along). */
export type MetricsDayFields<Field extends keyof AdMetricsDay> = Pick<
  AdMetricsDay,
  Field | 'providerId' | 'date'
>;

type DateRange = { from: IsoDate; to: IsoDate; providerIds?: readonly ProviderId[] };

export class MetricsWriteError extends Error {
  constructor(readonly failedDocIds: string[]) {
    super(`failed to write ${failedDocIds.length} metrics day(s): ${failedDocIds.slice(0, 5).join(', ')}`);
    this.name = 'MetricsWriteError';
  }
}

/** `users/{userId}/adMetrics/{YYYY-MM-DD}_{providerId}` day documents. */
export class AdMetricsRepository {
  constructor(private readonly db: Firestore) {}

  /**
   * Writes day documents with BulkWriter, each a whole-document `set`: re-syncing a window overwrites
   * the same documents, so nothing is ever counted twice. Throws after all writes settle if any failed.
   */
  async upsertDays(userId: string, days: readonly AdMetricsDay[]): Promise<number> {
    const collection = this.db.collection(adMetricsCollectionPath(userId)).withConverter(converter);
    const writer = this.db.bulkWriter();
    const failed: string[] = [];
    for (const day of days) {
      const docId = adMetricsDocId(day.date, day.providerId);
      writer.set(collection.doc(docId), AdMetricsDaySchema.parse(day)).catch(() => {
        failed.push(docId);
      });
    }
    await writer.close();
    if (failed.length > 0) throw new MetricsWriteError(failed.sort());
    return days.length;
  }

  /**
   * Reads `from`..`to` (inclusive) for the given providers. Every date of the range is in the result,
   * and a provider with no document that day is reported as null: empty days are explicit.
   */
  readRange(userId: string, range: DateRange): Promise<MetricsDateRow[]> {
    return this.read(userId, range, converter, null);
  }

  /**
   * `readRange` with only `fields` of each document (a Firestore projection): a view that needs no
   * creatives (or no campaigns) does not pull those arrays, often most of a document, off the wire.
   */
  readRangeFields<Field extends keyof AdMetricsDay>(
    userId: string,
    range: DateRange,
    fields: readonly Field[],
  ): Promise<MetricsDateRow<MetricsDayFields<Field>>[]> {
    const wanted = [...new Set<keyof AdMetricsDay>([...fields, 'providerId', 'date'])];
    // A mask over our own field names (the read itself is still validated field by field).
    const mask: Partial<Record<keyof AdMetricsDay, true>> = Object.fromEntries(
      wanted.map((field) => [field, true] as const),
    );
    const schema: z.ZodType<MetricsDayFields<Field>> = AdMetricsDaySchema.pick(mask);
    return this.read(userId, range, zodConverter(schema), wanted);
  }

  private async read<Day extends { providerId: ProviderId }>(
    userId: string,
    range: DateRange,
    dayConverter: FirestoreDataConverter<Day>,
    fields: readonly string[] | null,
  ): Promise<MetricsDateRow<Day>[]> {
    const span = daysBetween(range.from, range.to);
    if (span < 0) throw new RangeError('range end is before its start');
    if (span >= maxMetricsRangeDays) throw new RangeError(`range is longer than ${maxMetricsRangeDays} days`);
    const wanted = new Set<ProviderId>(range.providerIds?.length ? range.providerIds : providerIds);

    // Document ids start with the date, so the range is a document-id range.
    const query = this.db
      .collection(adMetricsCollectionPath(userId))
      .orderBy(FieldPath.documentId())
      .startAt(`${range.from}_`)
      .endAt(`${range.to}_\uf8ff`);
    const snapshot = await (fields ? query.select(...fields) : query).withConverter(dayConverter).get();

    const found = new Map<string, Day>();
    for (const doc of snapshot.docs) {
      const id = parseAdMetricsDocId(doc.id);
      if (!id) continue;
      const day = doc.data();
      if (wanted.has(day.providerId)) found.set(doc.id, day);
    }

    return eachDate(range.from, range.to).map((date) => ({
      date,
      providers: Object.fromEntries(
        [...wanted].map((providerId) => [providerId, found.get(adMetricsDocId(date, providerId)) ?? null]),
      ),
    }));
  }
}
