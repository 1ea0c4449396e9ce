import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ProviderId } from '@cohorts/core/contract';
import type { RawResponse } from '@cohorts/providers';

/** Where a sync's raw platform responses go; `rawPayloadRef` on the day documents points at them. */
export interface RawPayloadStore {
  /** Stores one sync's responses (already redacted by the connectors) and returns their reference. */
  put(key: RawPayloadKey, responses: readonly RawResponse[]): Promise<string>;
}

export interface RawPayloadKey {
  userId: string;
  providerId: ProviderId;
  jobId: string;
  /** The BullMQ attempt, so a retry does not overwrite what an earlier attempt saw. */
  attempt: number;
}

function objectName(key: RawPayloadKey): string {
  const safe = (part: string) => part.replace(/[^\w.-]/g, '_');
  return `${safe(key.userId)}/${key.providerId}/${safe(key.jobId)}-${key.attempt}.json`;
}

/** The default: JSON files under a local directory (`RAW_PAYLOAD_DIR`); the reference is a `file://` URL. */
export class LocalDirectoryPayloadStore implements RawPayloadStore {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async put(key: RawPayloadKey, responses: readonly RawResponse[]): Promise<string> {
    const path = join(this.root, objectName(key));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(responses));
    return `file://${path}`;
  }
}

/** The minimal slice of `@google-cloud/storage`'s Bucket the store uses. */
export interface BucketLike {
  readonly name: string;
  file(name: string): {
    save(data: string, options: { contentType: string; resumable: boolean }): Promise<unknown>;
  };
}

/** Cloud Storage (`RAW_PAYLOAD_BUCKET`); the reference is a `gs://bucket/object` URL. */
export class CloudStoragePayloadStore implements RawPayloadStore {
  constructor(private readonly bucket: BucketLike) {}

  async put(key: RawPayloadKey, responses: readonly RawResponse[]): Promise<string> {
    const name = objectName(key);
    await this.bucket.file(name).save(JSON.stringify(responses), {
      contentType: 'application/json',
      resumable: false,
    });
    return `gs://${this.bucket.name}/${name}`;
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
