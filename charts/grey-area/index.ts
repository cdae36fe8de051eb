import type { Construct } from 'constructs';
import { buildFleet } from '../../constructs';
import { greyAreaMain } from './main';

/** Site `grey-area`: one cluster, `main`. */
export function defineGreyArea(scope: Construct): void {
  buildFleet(scope, { clusters: [greyAreaMain] });
}
