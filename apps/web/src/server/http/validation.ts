import type { z } from 'zod';

/** One problem with a request's input: the field (dotted path) and what is wrong with it. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** Zod issues as `field: problem` pairs; the root of the input is called `where`. */
export function fieldProblems(error: z.ZodError, where = 'body'): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : where,
    problem: issue.message,
  }));
}

export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
}
