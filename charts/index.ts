import type { Construct } from 'constructs';
import { defineElitedesk } from './elitedesk';
import { defineGreyArea } from './grey-area';
import { defineMobius } from './mobius';

/** Every site of this repository. */
export function defineSites(scope: Construct): void {
  defineElitedesk(scope);
  defineGreyArea(scope);
  defineMobius(scope);
}
