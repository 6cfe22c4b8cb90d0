import type { StageConfig } from './config';

/**
 * Something outside a function that it reads or writes; each one grants
 * exactly its permissions and its environment variables.
 * - `cms`: read the CMS token secret.
 * - `contactStore`: put a contact submission, once (the contact form).
 * - `contactOutbox`: find submissions whose email is due and record each attempt (the mailer).
 * - `mail`: send email from the stage's sender identity.
 */
export type FunctionResource = 'cms' | 'contactStore' | 'contactOutbox' | 'mail';

/** One Lambda function: what the route table and the job table have in common. */
export interface FunctionDefinition {
  /** Construct id of the function and its role, e.g. `ShareCaseStudy`. */
  readonly id: string;
  /** One line for the function description and the docs. */
  readonly description: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /**
   * What the function reads or writes beyond its own logs.
   * @default - nothing
   */
  readonly needs?: readonly FunctionResource[];
  /**
   * Environment the handler needs beyond the common and per-resource variables.
   * @default - none
   */
  readonly environment?: (config: StageConfig) => Record<string, string>;
}

/** Whether a function reads or writes a resource. */
export function needs(definition: FunctionDefinition, resource: FunctionResource): boolean {
  return definition.needs?.includes(resource) ?? false;
}

/** Checks the ids of a table of functions once, when it is built. */
export function checkFunctionIds(definitions: readonly FunctionDefinition[], kind: string): void {
  const ids = new Set<string>();
  for (const { id } of definitions) {
    if (!/^[A-Z][A-Za-z0-9]+$/.test(id)) throw new Error(`${kind} id "${id}" must be PascalCase letters and digits.`);
    if (ids.has(id)) throw new Error(`${kind} id "${id}" is used twice.`);
    ids.add(id);
  }
}
