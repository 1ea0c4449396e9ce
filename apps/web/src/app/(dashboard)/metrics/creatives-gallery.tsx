'use client';

import { providerDisplayNames } from '@cohorts/core/contract';
import { useState } from 'react';

/** Cards drawn at first; the rest on request. */
const firstCreatives = 24;

import styles from './metrics.module.css';
import type { CreativeCard } from './types';

function Thumbnail({ creative }: { creative: CreativeCard }) {
  const [failed, setFailed] = useState(false);
  if (creative.thumbnailUrl && !failed) {
    return (
      // biome-ignore lint/performance/noImgElement: platform CDN images of unknown size; next/image would need every CDN host configured
      <img
        className={styles.thumb}
        src={creative.thumbnailUrl}
        alt=""
        loading="lazy"
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <div className={styles.noThumb}>
      {creative.thumbnailUrl
        ? 'Preview unavailable'
        : `${providerDisplayNames[creative.providerId]} gives no thumbnail`}
    </div>
  );
}

/** The range's creatives, longest-running first, with a thumbnail where the platform gives one. */
export function CreativesGallery({
  creatives,
  omitted,
  rangeDays,
}: {
  creatives: CreativeCard[];
  omitted: number;
  rangeDays: number;
}) {
  const [showAll, setShowAll] = useState(false);
  const visible = showAll ? creatives : creatives.slice(0, firstCreatives);
  return (
    <section className={styles.section} aria-labelledby="creatives-heading">
      <h3 id="creatives-heading">Creatives</h3>
      {creatives.length === 0 ? (
        <p className={styles.muted}>No creatives ran in this range.</p>
      ) : (
        <ul className={styles.gallery}>
          {visible.map((creative) => (
            <li key={`${creative.providerId}|${creative.id}`} className={styles.creative}>
              <Thumbnail creative={creative} />
              <div className={styles.creativeText}>
                <span className={styles.creativeName}>{creative.name || creative.id}</span>
                <span className={styles.muted}>
                  {providerDisplayNames[creative.providerId]} · {creative.type}
                </span>
                <span className={styles.muted}>
                  Ran {creative.daysActive} of {rangeDays} days
                </span>
                {creative.landingPageUrl ? (
                  <a href={creative.landingPageUrl} target="_blank" rel="noopener noreferrer nofollow">
                    Landing page<span className={styles.srOnly}> of {creative.name || creative.id}</span>
                  </a>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {visible.length < creatives.length ? (
        <button type="button" className={styles.button} onClick={() => setShowAll(true)}>
          Show all {creatives.length} creatives
        </button>
      ) : null}
      {omitted > 0 ? <p className={styles.muted}>{omitted} more creatives ran for fewer days.</p> : null}
    </section>
  );
}
