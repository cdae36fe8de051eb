import type { Construct } from 'constructs';
import { buildFleet, FleetDefinition } from '../constructs';
import { aetherMain } from './aether/main';
import { constellationMain } from './constellation/main';
import { elitedeskMain } from './elitedesk/main';
import { greyAreaMain } from './grey-area/main';
import { mobiusCloud } from './mobius/cloud';
import { mobiusHomelab } from './mobius/homelab';
import { mobiusSandbox } from './mobius/sandbox';

/** Every cluster of this repository, in the order they are built and reported. */
export const FLEET: FleetDefinition = {
  clusters: [aetherMain, constellationMain, elitedeskMain, greyAreaMain, mobiusHomelab, mobiusCloud, mobiusSandbox],
};

/** Every site of this repository, built under `scope`. */
export function defineSites(scope: Construct): void {
  buildFleet(scope, FLEET);
}
