import { oauthStart } from '@/server/linking/oauth-routes';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** `GET /api/integrations/{google|meta|linkedin|tiktok}/oauth/start`: 302 to the platform's consent page. */
export async function GET(
  request: Request,
  context: { params: Promise<{ slug: string }> },
): Promise<Response> {
  return oauthStart(request, (await context.params).slug);
}
