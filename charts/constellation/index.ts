import { Construct } from 'constructs';
import { constellation } from '../../hosts/constellation';
import { Main } from './main';

/** Site `constellation` (seed 001): one K3s cluster, `main`. */
export function defineConstellation(scope: Construct): void {
  const site = new Construct(scope, constellation.name);
  new Main(site);
}
