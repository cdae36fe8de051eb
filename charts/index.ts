import type { Construct } from 'constructs';
import { defineGreyArea } from './grey-area';
import { defineMobius } from './mobius';

/** Every site of this repository. */
export function defineSites(scope: Construct): void {
  defineGreyArea(scope);
  defineMobius(scope);
}
