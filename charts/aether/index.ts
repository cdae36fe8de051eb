import { Construct } from 'constructs';
import { aether } from '../../hosts/aether';
import { Main } from './main';

/** Site `aether` (seed 002): one Talos cluster, `main`. */
export function defineAether(scope: Construct): void {
  const site = new Construct(scope, aether.name);
  new Main(site);
}
