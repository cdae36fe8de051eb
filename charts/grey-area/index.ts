import { Construct } from 'constructs';
import { greyAreaSite } from '../../hosts/grey-area';
import { Main } from './main';

/** Site `grey-area` (seed 000): one cluster, `main`. */
export function defineGreyArea(scope: Construct): void {
  const site = new Construct(scope, greyAreaSite.name);
  new Main(site);
}
