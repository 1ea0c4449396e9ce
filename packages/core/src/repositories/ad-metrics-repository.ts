import { FieldPath, type Firestore } from 'firebase-admin/firestore';
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
export interface MetricsDateRow {
  date: IsoDate;
  providers: Partial<Record<ProviderId, AdMetricsDay | null>>;
}

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
  async readRange(
    userId: string,
    range: { from: IsoDate; to: IsoDate; providerIds?: readonly ProviderId[] },
  ): Promise<MetricsDateRow[]> {
    const span = daysBetween(range.from, range.to);
    if (span < 0) throw new RangeError('range end is before its start');
    if (span >= maxMetricsRangeDays) throw new RangeError(`range is longer than ${maxMetricsRangeDays} days`);
    const wanted = new Set<ProviderId>(range.providerIds?.length ? range.providerIds : providerIds);

    // Document ids start with the date, so the range is a document-id range.
    const snapshot = await this.db
      .collection(adMetricsCollectionPath(userId))
      .orderBy(FieldPath.documentId())
      .startAt(`${range.from}_`)
      .endAt(`${range.to}_\uf8ff`)
      .withConverter(converter)
      .get();

    const found = new Map<string, AdMetricsDay>();
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
