import type { Construct } from 'constructs';
import { defineAether } from './aether';
import { defineConstellation } from './constellation';
import { defineElitedesk } from './elitedesk';
import { defineGreyArea } from './grey-area';
import { defineMobius } from './mobius';

/** Every site of this repository. */
export function defineSites(scope: Construct): void {
  defineAether(scope);
  defineConstellation(scope);
  defineElitedesk(scope);
  defineGreyArea(scope);
  defineMobius(scope);
}
