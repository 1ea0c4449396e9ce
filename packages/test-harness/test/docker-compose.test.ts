import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const compose = readFileSync(new URL('../../../docker-compose.yml', import.meta.url), 'utf8');

/** Every `host:container` mapping of the file's `ports: [...]` lists. */
function publishedPorts(text: string): string[] {
  return [...text.matchAll(/^\s*ports:\s*\[([^\]]*)\]/gm)].flatMap((match) =>
    (match[1] ?? '').split(',').map((entry) => entry.trim().replace(/^["']|["']$/g, '')),
  );
}

describe('docker-compose.yml', () => {
  it('publishes Redis and the emulators on 127.0.0.1 only (Redis has no password; it holds OAuth nonces)', () => {
    const ports = publishedPorts(compose);
    expect(ports).toHaveLength(3);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    // No other way of publishing a port slipped in.
    expect(compose).not.toMatch(/^\s*-\s*["']?\d+:\d+/m);
    expect(compose).not.toMatch(/network_mode:\s*host/);
  });
});
