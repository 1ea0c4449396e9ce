import { googlePlatform } from './google';
import { linkedInPlatform } from './linkedin';
import { metaPlatform } from './meta';
import type { Platform } from './platform';
import { tiktokPlatform } from './tiktok';

/** Every platform the sandbox speaks, by the real hosts it serves. */
const platforms: readonly Platform[] = [googlePlatform, metaPlatform, linkedInPlatform, tiktokPlatform];

export const platformByHost = new Map<string, Platform>(
  platforms.flatMap((platform) => platform.hosts.map((host) => [host, platform] as const)),
);
