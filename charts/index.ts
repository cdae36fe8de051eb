import type { Construct } from 'constructs';
import { defineGreyArea } from './grey-area';
import { defineAether } from './aether';
import { defineMobius } from './mobius';

/** Every site of this repository. */
export function defineSites(scope: Construct): void {
  defineAether(scope);
  defineGreyArea(scope);
  defineMobius(scope);
}
