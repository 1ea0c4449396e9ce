/** One place text can leak from: a Firestore document, a raw payload file. */
interface Source {
  path: string;
  text: string;
}

/** The lines one process printed: this test process's console, or a worker's stdout and stderr. */
export interface ProcessLog {
  process: string;
  lines: string[];
}

export interface Corpus {
  firestore: Source[];
  rawPayloads: Source[];
  logs: ProcessLog[];
}

export interface Finding {
  where: string;
}

/** A field named like a token that holds a string (`"accessToken": null` is what a safe document says). */
const tokenField = /"(access_token|refresh_token|id_token|accessToken|refreshToken|idToken)"\s*:\s*"/g;

function findingsIn(label: string, text: string, issued: readonly string[], checkFields: boolean): Finding[] {
  const findings: Finding[] = [];
  if (issued.some((token) => text.includes(token))) findings.push({ where: `${label}: token` });
  if (checkFields) {
    for (const match of text.matchAll(tokenField)) findings.push({ where: `${label}: field ${match[1]}` });
  }
  return findings;
}

/**
 * Where any of the `issued` tokens appears verbatim, or a token-named field holds a string. Field
 * names are checked in Firestore only under `fieldScopes` (the run's own tenants: other test files
 * share the emulator), and everywhere in raw payloads and logs.
 */
export function scanForTokens(
  corpus: Corpus,
  issued: readonly string[],
  fieldScopes: readonly string[] = ['users/'],
): Finding[] {
  const inScope = (path: string) => fieldScopes.some((scope) => path.startsWith(scope));
  return [
    ...corpus.firestore.flatMap((doc) =>
      findingsIn(`firestore ${doc.path}`, doc.text, issued, inScope(doc.path)),
    ),
    ...corpus.rawPayloads.flatMap((file) => findingsIn(`raw payload ${file.path}`, file.text, issued, true)),
    ...corpus.logs.flatMap((log) =>
      log.lines.flatMap((line, index) =>
        findingsIn(`${log.process} log line ${index + 1}`, line, issued, true),
      ),
    ),
  ];
}
