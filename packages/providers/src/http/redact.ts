/**
 * Keeps secrets out of everything that leaves a connector: error messages, `ProviderError` JSON and the
 * raw responses kept for `rawPayloadRef`. Known secrets (the tokens and app secrets of the call) are
 * replaced wherever they appear; credential-looking query parameters and bearer headers are masked
 * even when the secret is not known (e.g. a platform echoing a token it rejected).
 */
export const REDACTED = '[redacted]';

const SECRET_PARAMS =
  /\b(access_token|refresh_token|client_secret|app_secret|secret|fb_exchange_token|input_token|appsecret_proof|auth_code|code|code_verifier|developer-token)=([^&\s"'<>]+)/gi;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/g;
/** Secrets shorter than this are too likely to match ordinary words to replace blindly. */
const MIN_SECRET_LENGTH = 6;

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string | null | undefined> = []) {
    this.secrets = [...new Set([...secrets].filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH))]
      // Longest first, so a secret containing another is replaced whole.
      .sort((a, b) => b.length - a.length);
  }

  with(more: Iterable<string | null | undefined>): Redactor {
    return new Redactor([...this.secrets, ...more]);
  }

  text(value: string): string {
    let out = value;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out.replace(SECRET_PARAMS, `$1=${REDACTED}`).replace(BEARER, `$1 ${REDACTED}`);
  }

  /** A deep copy of JSON-like data with every string redacted. */
  deep(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.deep(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.deep(item)]));
    }
    return value;
  }
}
