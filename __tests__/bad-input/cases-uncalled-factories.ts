import { AppController } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// A controller's factory handed over without its call, as a plugin list names a function: the hint writes the
// call with its class and the options it needs, not the bare method name (`knative()`), which names nothing a
// chart imports.

const UNCALLED: ReadonlyArray<[factory: unknown, call: RegExp]> = [
  [AppController.knative, /controller: AppController\.knative\(\)$/],
  [AppController.cronJob, /controller: AppController\.cronJob\(\{ schedule: '0 3 \* \* \*' \}\)$/],
  [AppController.statefulSet, /controller: AppController\.statefulSet\(\)$/],
];

export const CASES: BadInput[] = UNCALLED.map(([factory, call]) => ({
  name: `an app's controller given AppController.${(factory as { name: string }).name} without its call`,
  build: guarded(labApp('hello', { image: 'ghcr.io/knative/helloworld-go:v1.0.0', controller: factory })),
  layer: 'props', path: 'main/hello', field: 'controller', hint: call,
}));
