import { providerDisplayNames, providerIds } from '@cohorts/core/contract';

export default function HomePage() {
  return (
    <main style={{ maxWidth: 720, margin: '48px auto', padding: '0 16px' }}>
      <h1>Ads Hub</h1>
      <p>Link your ad accounts to sync their daily campaign numbers.</p>
      <ul>
        {providerIds.map((id) => (
          <li key={id}>{providerDisplayNames[id]}</li>
        ))}
      </ul>
    </main>
  );
}
