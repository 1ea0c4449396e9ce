import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type ProviderId, RawPayloadRefSchema } from '@cohorts/core/contract';
import type { RawResponse } from '@cohorts/providers';

/**
 * Where a sync's raw platform responses go. `rawPayloadRef` on the day documents is the store's
 * opaque key, `{userId}/{providerId}/{jobId}-{attempt}.json`, relative to the store's root: it
 * travels to clients with the metrics, so it never carries a server path or a bucket name. Only the
 * store turns a key into a place.
 */
export interface RawPayloadStore {
  /** Stores one sync's responses (already redacted by the connectors) and returns their key. */
  put(key: RawPayloadKey, responses: readonly RawResponse[]): Promise<string>;
  /** Where the key's payload lives (a local path, or a `gs://` URL): for operators, never for clients. */
  locate(ref: string): string;
}

export interface RawPayloadKey {
  userId: string;
  providerId: ProviderId;
  jobId: string;
  /** The BullMQ attempt, so a retry does not overwrite what an earlier attempt saw. */
  attempt: number;
}

/** The key of one sync's payload; the parts are made safe, so the key is always a `RawPayloadRef`. */
export function rawPayloadKey(key: RawPayloadKey): string {
  const safe = (part: string) =>
    part.replace(/[^\w.-]/g, '_').replace(/^\.+$/, (dots) => '_'.repeat(dots.length));
  return RawPayloadRefSchema.parse(
    `${safe(key.userId)}/${key.providerId}/${safe(key.jobId)}-${key.attempt}.json`,
  );
}

function checkedRef(ref: string): string {
  const parsed = RawPayloadRefSchema.safeParse(ref);
  if (!parsed.success || parsed.data !== ref)
    throw new RangeError(`not a raw payload key: ${JSON.stringify(ref)}`);
  return ref;
}

/** The default: JSON files under a local directory (`RAW_PAYLOAD_DIR`). */
export class LocalDirectoryPayloadStore implements RawPayloadStore {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async put(key: RawPayloadKey, responses: readonly RawResponse[]): Promise<string> {
    const ref = rawPayloadKey(key);
    const path = this.locate(ref);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(responses));
    return ref;
  }

  locate(ref: string): string {
    return join(this.root, checkedRef(ref));
  }
}

/** The minimal slice of `@google-cloud/storage`'s Bucket the store uses. */
export interface BucketLike {
  readonly name: string;
  file(name: string): {
    save(data: string, options: { contentType: string; resumable: boolean }): Promise<unknown>;
  };
}

/** Cloud Storage (`RAW_PAYLOAD_BUCKET`); a key is the object's name in the bucket. */
export class CloudStoragePayloadStore implements RawPayloadStore {
  constructor(private readonly bucket: BucketLike) {}

  async put(key: RawPayloadKey, responses: readonly RawResponse[]): Promise<string> {
    const ref = rawPayloadKey(key);
    await this.bucket.file(ref).save(JSON.stringify(responses), {
      contentType: 'application/json',
      resumable: false,
    });
    return ref;
  }

  locate(ref: string): string {
    return `gs://${this.bucket.name}/${checkedRef(ref)}`;
  }
}

/**
 * The store the config asks for: Cloud Storage when a bucket is named (the library is loaded only
 * then), else the local directory.
 */
export async function rawPayloadStoreFor(config: {
  RAW_PAYLOAD_BUCKET?: string | undefined;
  RAW_PAYLOAD_DIR: string;
}): Promise<RawPayloadStore> {
  if (config.RAW_PAYLOAD_BUCKET) {
    const { Storage } = await import('@google-cloud/storage');
    return new CloudStoragePayloadStore(new Storage().bucket(config.RAW_PAYLOAD_BUCKET));
  }
  return new LocalDirectoryPayloadStore(config.RAW_PAYLOAD_DIR);
}
