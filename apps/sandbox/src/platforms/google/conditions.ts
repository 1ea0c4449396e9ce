import type { FieldDef, RowSource } from './fields';
import type { GaqlCondition, GaqlValue } from './gaql';

type RawValue = ReturnType<FieldDef['read']>;

/** A field value in a form `<`, `=` and sorting can compare. */
export function comparable(raw: RawValue): string | number {
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  if (Array.isArray(raw)) return raw.join(',');
  return raw ?? '';
}

function literal(value: GaqlValue, def: FieldDef): string | number {
  if (def.type === 'INT64' || def.type === 'DOUBLE') return Number(value.value);
  if (def.type === 'BOOLEAN') return String(value.value).toUpperCase();
  return String(value.value);
}

/** Does the row pass the WHERE condition? */
export function matchesCondition(condition: GaqlCondition, def: FieldDef, row: RowSource): boolean {
  const raw = def.read(row);
  if (condition.operator === 'IS NULL') return raw === undefined;
  if (condition.operator === 'IS NOT NULL') return raw !== undefined;
  if (raw === undefined) return condition.field.startsWith('segments.');
  const actual = comparable(raw);
  const values = condition.values.map((v) => literal(v, def));
  const [first = '', second = ''] = values;
  switch (condition.operator) {
    case '=':
      return actual === first;
    case '!=':
      return actual !== first;
    case '>':
      return actual > first;
    case '>=':
      return actual >= first;
    case '<':
      return actual < first;
    case '<=':
      return actual <= first;
    case 'IN':
      return values.includes(actual);
    case 'NOT IN':
      return !values.includes(actual);
    case 'BETWEEN':
      return actual >= first && actual <= second;
    case 'LIKE':
    case 'NOT LIKE': {
      const pattern = new RegExp(
        `^${String(first)
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/%/g, '.*')
          .replace(/_/g, '.')}$`,
      );
      return pattern.test(String(actual)) === (condition.operator === 'LIKE');
    }
    case 'CONTAINS ANY':
    case 'CONTAINS ALL':
    case 'CONTAINS NONE': {
      const items = Array.isArray(raw) ? raw : [String(raw)];
      const hits = values.filter((v) => items.includes(String(v))).length;
      if (condition.operator === 'CONTAINS ANY') return hits > 0;
      if (condition.operator === 'CONTAINS ALL') return hits === values.length;
      return hits === 0;
    }
    default:
      return true;
  }
}

/** The fields a row is written with: each selected resource's name first (the API adds them), then the selection. */
