import type { Construct } from 'constructs';
import { defineMobius } from './mobius';

/** Every site of this repository. */
export function defineSites(scope: Construct): void {
  defineMobius(scope);
}
