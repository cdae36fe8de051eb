import type { Construct } from 'constructs';
import { buildFleet } from '../../constructs';
import { constellationMain } from './main';

/** Site `constellation`: one K3s cluster, `main`. */
export function defineConstellation(scope: Construct): void {
  buildFleet(scope, { clusters: [constellationMain] });
}
