import type { Construct } from 'constructs';
import { buildFleet } from '../../constructs';
import { greyAreaMain } from './main';

/** Site `grey-area` (seed 000): one cluster, `main`. */
export function defineGreyArea(scope: Construct): void {
  buildFleet(scope, { clusters: [greyAreaMain] });
}
