/** One problem with a request's input: the field (dotted path) and what is wrong with it. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** A validation issue as zod and Standard Schema both report it. */
export interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** Issues as `field: problem` pairs; an issue about the input as a whole is named `where`. */
export function fieldProblems(issues: readonly SchemaIssue[], where = 'body'): FieldProblem[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map((part) =>
      typeof part === 'object' && part !== null && 'key' in part ? String(part.key) : String(part),
    );
    return { field: path.length > 0 ? path.join('.') : where, problem: issue.message };
  });
}

export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
}

/** Input that passed its schema but is still wrong (a range too long, a provider not linked...). */
export class InputError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(describeProblems(problems));
    this.name = 'InputError';
  }

  static of(field: string, problem: string): InputError {
    return new InputError([{ field, problem }]);
  }
}
