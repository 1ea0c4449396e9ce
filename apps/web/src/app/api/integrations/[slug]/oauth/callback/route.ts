import { oauthCallback } from '@/server/linking/oauth-routes';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** `GET /api/integrations/{google|meta|linkedin|tiktok}/oauth/callback`: the platform's redirect back. */
export async function GET(
  request: Request,
  context: { params: Promise<{ slug: string }> },
): Promise<Response> {
  return oauthCallback(request, (await context.params).slug);
}
