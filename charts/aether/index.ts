import type { Construct } from 'constructs';
import { buildFleet } from '../../constructs';
import { aetherMain } from './main';

/** Site `aether`: one Talos cluster, `main`. */
export function defineAether(scope: Construct): void {
  buildFleet(scope, { clusters: [aetherMain] });
}
