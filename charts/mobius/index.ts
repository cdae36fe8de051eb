import { Construct } from 'constructs';
import { mobius } from '../../hosts/mobius';
import { Cloud } from './cloud';
import { Homelab } from './homelab';
import { Sandbox } from './sandbox';

/** Site `mobius` (seed 004): three clusters promoted sandbox → cloud → homelab. */
export function defineMobius(scope: Construct): void {
  const site = new Construct(scope, mobius.name);
  const homelab = new Homelab(site);
  new Cloud(site, homelab);
  new Sandbox(site);
}
