import type { Construct } from 'constructs';
import { buildFleet } from '../../constructs';
import { mobiusCloud } from './cloud';
import { mobiusHomelab } from './homelab';
import { mobiusSandbox } from './sandbox';

/** Site `mobius`: three clusters promoted sandbox → cloud → homelab. */
export function defineMobius(scope: Construct): void {
  buildFleet(scope, { clusters: [mobiusHomelab, mobiusCloud, mobiusSandbox] });
}
