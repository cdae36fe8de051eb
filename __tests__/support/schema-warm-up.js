// Run by the global setup (scratch-setup.js) in a child process when the run starts without a schema cache,
// as a fresh clone's does: synthesizes the benchmark fleet and the five sites in memory with the run's library
// bundle, which compiles the validators of the kinds most test files make (Deployments, Services, claims,
// network policies, routes, Flux and MetalLB objects, and the sites' own: Argo CD, KubeVirt, Cilium, Knative,
// Crossplane…), their CEL rules and the schema catalog into the cache.
// Without it both workers, and the synth runs that the long files start in child processes at the same
// time, each compiled the same validators: seconds of CPU apiece at the start of the run.
'use strict';
const os = require('os');
const path = require('path');

const { load } = require(process.env.HOMELAB_TEST_LIBRARY_BUNDLE);
const { App } = load('cdk8s');
const { synthesize } = load('constructs/index.ts');
const { defineFleet } = load('bench/fleet.ts');
const { defineSites } = load('charts/index.ts');

const outdir = path.join(os.tmpdir(), 'schema-warm-up', 'dist');
const fleet = new App();
// One app in each of the twelve clusters, as the thread and exit tests synthesize it.
defineFleet(fleet, 12);
synthesize(fleet, { outdir, write: false });
// Some twenty files read the sites, and both workers synthesize them early: each compiled the sites' kinds
// at the same time, about 5 s of CPU apiece. Here it is done once, while the type check has the other core.
const sites = new App();
defineSites(sites);
synthesize(sites, { outdir, write: false });
