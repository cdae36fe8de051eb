import type { App as CdkApp } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Where a cluster's API server answers (a control plane hosted elsewhere) is written as a network, which
// the NetworkPolicy of every app that reads the API under a listed egress takes as its address block.

const hostedControlPlane = (cidr: string) => guarded((_c: ClusterChart, root: CdkApp) => {
  labCluster(root, 'edge', { storage: {}, preinstalled: [{ source: 'k0s', distribution: 'k0s', apiServer: [{ cidr, ports: [{ port: 31443 }] }] }] });
});

export const CASES: BadInput[] = [
  {
    name: "k0smotron's API server address written without its prefix",
    build: hostedControlPlane('192.168.4.5'),
    layer: 'props', path: 'edge', field: 'preinstalled[0].apiServer[0].cidr', hint: /192\.168\.4\.5\/32/,
  },
  {
    name: "k0smotron's API server address written with its network's prefix",
    build: hostedControlPlane('192.168.4.5/24'),
    layer: 'props', path: 'edge', field: 'preinstalled[0].apiServer[0].cidr', hint: /192\.168\.4\.5\/32/,
  },
];
