import { describe, expect, it } from 'vitest';
import { creativeLandingPageUrl, creativeThumbnailUrl } from './creative-thumbnail';

describe('creative urls', () => {
  it("only Meta's url is a picture; the others are landing pages", () => {
    expect(creativeThumbnailUrl('facebook', 'https://cdn.example/a.jpg')).toBe('https://cdn.example/a.jpg');
    expect(creativeThumbnailUrl('google', 'https://shop.example/')).toBeNull();
    expect(creativeLandingPageUrl('google', 'https://shop.example/')).toBe('https://shop.example/');
    expect(creativeLandingPageUrl('facebook', 'https://cdn.example/a.jpg')).toBeNull();
  });

  it('never passes on a script or data address', () => {
    expect(creativeThumbnailUrl('facebook', 'javascript:alert(1)')).toBeNull();
    expect(creativeThumbnailUrl('facebook', 'data:image/png;base64,AAAA')).toBeNull();
    expect(creativeLandingPageUrl('tiktok', 'javascript:alert(1)')).toBeNull();
    expect(creativeThumbnailUrl('facebook', null)).toBeNull();
  });
});
