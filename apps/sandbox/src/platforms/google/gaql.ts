/**
 * A parser for the Google Ads Query Language subset connectors use:
 * `SELECT f, ... FROM resource [WHERE cond AND ...] [ORDER BY f [ASC|DESC], ...] [LIMIT n] [PARAMETERS ...]`.
 */

export type GaqlValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'identifier'; value: string };

export interface GaqlCondition {
  field: string;
  operator: string;
  values: GaqlValue[];
}

export interface GaqlQuery {
  select: string[];
  from: string;
  where: GaqlCondition[];
  orderBy: Array<{ field: string; descending: boolean }>;
  limit: number | null;
}

/** A QueryError enum value and a message, as the API reports a bad query. */
export class GaqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'string'; text: string; at: number }
  | { type: 'number'; text: string; at: number }
  | { type: 'punct'; text: string; at: number };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let text = '';
      let j = i + 1;
      while (j < query.length && query.charAt(j) !== c) {
        if (query.charAt(j) === '\\' && j + 1 < query.length) j++;
        text += query.charAt(j);
        j++;
      }
      if (j >= query.length)
        throw new GaqlError('UNTERMINATED_STRING', `Unterminated string starting at position ${i}.`);
      tokens.push({ type: 'string', text, at: i });
      i = j + 1;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(query.slice(i));
    if (number && (c === '-' || /\d/.test(c))) {
      tokens.push({ type: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i));
    if (word) {
      tokens.push({ type: 'word', text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    const operator = /^(!=|>=|<=|=|>|<|\(|\)|,)/.exec(query.slice(i));
    if (operator) {
      tokens.push({ type: 'punct', text: operator[0], at: i });
      i += operator[0].length;
      continue;
    }
    throw new GaqlError('BAD_SYMBOL', `Unexpected symbol '${c}' at position ${i}.`);
  }
  return tokens;
}

class Cursor {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new GaqlError('UNEXPECTED_END_OF_QUERY', 'Unexpected end of query.');
    return token;
  }

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  /** Consumes a keyword (case-insensitive) when it is next. */
  accept(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) {
      const token = this.peek(k);
      if (token?.type !== 'word' || token.text.toUpperCase() !== words[k]) return false;
    }
    this.index += words.length;
    return true;
  }

  expectPunct(text: string): void {
    const token = this.next();
    if (token.type !== 'punct' || token.text !== text) {
      throw new GaqlError(
        'UNEXPECTED_INPUT',
        `Expected '${text}' at position ${token.at}, found '${token.text}'.`,
      );
    }
  }

  field(): string {
    const token = this.next();
    if (token.type !== 'word')
      throw new GaqlError('BAD_FIELD_NAME', `Expected a field name at position ${token.at}.`);
    return token.text;
  }
}

function value(cursor: Cursor): GaqlValue {
  const token = cursor.next();
  if (token.type === 'string') return { kind: 'string', value: token.text };
  if (token.type === 'number') return { kind: 'number', value: Number(token.text) };
  if (token.type === 'word') return { kind: 'identifier', value: token.text };
  throw new GaqlError('BAD_VALUE', `Expected a value at position ${token.at}.`);
}

function list(cursor: Cursor): GaqlValue[] {
  cursor.expectPunct('(');
  const values = [value(cursor)];
  while (cursor.peek()?.text === ',') {
    cursor.next();
    values.push(value(cursor));
  }
  cursor.expectPunct(')');
  return values;
}

function condition(cursor: Cursor): GaqlCondition {
  const field = cursor.field();
  const token = cursor.peek();
  if (token?.type === 'punct' && ['=', '!=', '>', '>=', '<', '<='].includes(token.text)) {
    cursor.next();
    return { field, operator: token.text, values: [value(cursor)] };
  }
  if (cursor.accept('NOT', 'IN')) return { field, operator: 'NOT IN', values: list(cursor) };
  if (cursor.accept('IN')) return { field, operator: 'IN', values: list(cursor) };
  if (cursor.accept('BETWEEN')) {
    const low = value(cursor);
    if (!cursor.accept('AND'))
      throw new GaqlError('EXPECTED_AND', 'Expected AND between values with BETWEEN operator.');
    return { field, operator: 'BETWEEN', values: [low, value(cursor)] };
  }
  if (cursor.accept('DURING')) return { field, operator: 'DURING', values: [value(cursor)] };
  if (cursor.accept('NOT', 'LIKE')) return { field, operator: 'NOT LIKE', values: [value(cursor)] };
  if (cursor.accept('LIKE')) return { field, operator: 'LIKE', values: [value(cursor)] };
  if (cursor.accept('IS', 'NOT', 'NULL')) return { field, operator: 'IS NOT NULL', values: [] };
  if (cursor.accept('IS', 'NULL')) return { field, operator: 'IS NULL', values: [] };
  for (const mode of ['ANY', 'ALL', 'NONE']) {
    if (cursor.accept('CONTAINS', mode)) return { field, operator: `CONTAINS ${mode}`, values: list(cursor) };
  }
  throw new GaqlError(
    'BAD_OPERATOR',
    `Invalid operator after ${field}${token ? ` at position ${token.at}` : ''}.`,
  );
}

export function parseGaql(query: string): GaqlQuery {
  const cursor = new Cursor(tokenize(query));
  if (!cursor.accept('SELECT'))
    throw new GaqlError('EXPECTED_SELECT', 'SELECT is missing at the beginning of query.');
  const select = [cursor.field()];
  while (cursor.peek()?.text === ',') {
    cursor.next();
    select.push(cursor.field());
  }
  if (!cursor.accept('FROM')) throw new GaqlError('EXPECTED_FROM', 'Missing FROM clause.');
  const from = cursor.field();
  const where: GaqlCondition[] = [];
  if (cursor.accept('WHERE')) {
    where.push(condition(cursor));
    while (cursor.accept('AND')) where.push(condition(cursor));
  }
  const orderBy: GaqlQuery['orderBy'] = [];
  if (cursor.accept('ORDER', 'BY')) {
    do {
      const field = cursor.field();
      const descending = cursor.accept('DESC');
      if (!descending) cursor.accept('ASC');
      orderBy.push({ field, descending });
    } while (cursor.peek()?.text === ',' && cursor.next());
  }
  let limit: number | null = null;
  if (cursor.accept('LIMIT')) {
    const token = cursor.next();
    if (token.type !== 'number' || !/^\d+$/.test(token.text) || Number(token.text) < 1) {
      throw new GaqlError('BAD_LIMIT_VALUE', 'Limit value is invalid.');
    }
    limit = Number(token.text);
  }
  if (cursor.accept('PARAMETERS')) {
    while (!cursor.done()) cursor.next();
  }
  if (!cursor.done()) {
    const token = cursor.next();
    throw new GaqlError('UNEXPECTED_INPUT', `Unexpected input '${token.text}' at position ${token.at}.`);
  }
  return { select, from, where, orderBy, limit };
}
