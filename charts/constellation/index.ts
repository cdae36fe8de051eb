import type { Construct } from 'constructs';
import { buildFleet } from '../../constructs';
import { constellationMain } from './main';

/** Site `constellation` (seed 001): one K3s cluster, `main`. */
export function defineConstellation(scope: Construct): void {
  buildFleet(scope, { clusters: [constellationMain] });
}
