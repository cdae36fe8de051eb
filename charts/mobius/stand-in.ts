import type { IConstruct } from 'constructs';
import { factValue, leavePlaceholder, Placeholder } from '../../constructs';

/** The value of a fact the design leaves out, listed among the placeholders of the README of `scope`'s cluster. */
export function placeholderValue<T extends string | number>(scope: IConstruct, fact: Placeholder<T>): T {
  leavePlaceholder(scope, fact);
  return factValue(fact);
}
