import type { ReactNode } from 'react';

export const metadata = {
  title: 'Ads Hub · Cohorts',
  description: 'Google Ads, Meta, LinkedIn and TikTok campaign numbers, synced and in one place.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: 0 }}>{children}</body>
    </html>
  );
}
