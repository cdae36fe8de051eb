import { App, ClusterChart, promotionChain } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Methods called after construction with values of the wrong kind: each read past what it was given and
// failed with a TypeError of the library's own code, one of them only once synthesis had begun.

const web = (cluster: ClusterChart) => new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }] });

export const CASES: BadInput[] = [
  // Before, the hook was called as synthesis began: "this.prepareHooks[i] is not a function".
  {
    name: 'a prepare hook that is no function', build: guarded((cluster: ClusterChart) => cluster.onPrepare('web' as never)),
    layer: 'props', path: 'main', field: 'onPrepare.hook', hint: /a function of no arguments/,
  },
  // Before, the name was read letter by letter, or "names is not iterable".
  {
    name: 'namespaces left out by one name', build: guarded((cluster: ClusterChart) => cluster.namespaces.leaveOut('flux-system' as never)),
    layer: 'props', path: 'namespaces', field: 'leaveOut.names', hint: /leaveOut\(\['flux-system'\]\)/,
  },
  // Before, "building this construct failed: promotion chain: no pin of "web" for stage "cloud"".
  {
    name: 'a pin of a stage the chain does not pin', build: guarded((cluster: ClusterChart) => web(cluster).addEnv('VERSION', promotionChain({ stages: ['main'], pins: { web: { main: '1.27.0' } } }).pin('web', 'cloud'))),
    layer: 'props', path: 'main', field: 'pin(web)', hint: /give one of its stages: main/,
  },
  // Before, "synthesizing this construct failed: 7 does not implement IDependable", on the GitOps engine.
  {
    name: 'a dependency on something that is no construct', build: guarded((cluster: ClusterChart) => web(cluster).node.addDependency(7 as never)),
    layer: 'props', path: 'web', field: 'node.addDependency', message: /given 7, which is no construct/,
  },
];
