import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { checkCustomResourceDefinitionSpec } from '../constructs/validation/crd-definition-rules';
import { checkCustomResourceDefinitionVersions } from '../constructs/validation/crd-rules';
import { checkStructuralSchemas } from '../constructs/validation/crd-structural-schema';
import { defaultCrdDirs } from '../constructs/validation/schema/sources';
import type { SynthesizedObject } from '../constructs/synth/collect';
import { agentDaemonSet, mountedVolume, widgetCrd, widgetSpecSchema } from './bad-input/cases-apiserver-parity-19';
import { goodContainer, goodDeployment, raw, serviceManifest } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// What the API server takes beside what it refuses: references to a Secret or ConfigMap by name (optional ones
// among them), DaemonSets that stop a node's pod first or start the new one first with maxUnavailable 0, and a
// CustomResourceDefinition of every part the checks read, written as the API server takes it.

test('secret and configMap volumes, key selectors and envFrom entries that name their objects are accepted', () => {
  expect(labErrors((c) => {
    raw(c, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lab-settings', namespace: 'web' }, data: { mode: 'fast' } });
    raw(c, 'web', mountedVolume({ configMap: { name: 'lab-settings', items: [{ key: 'mode', path: 'mode' }] } }));
    raw(c, 'reader', goodDeployment('reader', {
      containers: [goodContainer({
        env: [
          { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'lab-settings', key: 'mode' } } },
          { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'reader-token', key: 'token', optional: true } } },
        ],
        envFrom: [{ configMapRef: { name: 'lab-settings' } }, { secretRef: { name: 'reader-extra', optional: true } }],
        volumeMounts: [{ name: 'certs', mountPath: '/etc/certs', readOnly: true }],
      })],
      volumes: [{ name: 'certs', secret: { secretName: 'reader-certs', optional: true } }],
    }));
  })).toEqual([]);
});

test('DaemonSets that stop the old pod first, or start the new one first with maxUnavailable 0, are accepted', () => {
  for (const rollingUpdate of [{}, { maxUnavailable: '10%' }, { maxSurge: 1, maxUnavailable: 0 }, { maxSurge: '100%', maxUnavailable: '0%' }, { maxSurge: 0, maxUnavailable: 2 }]) {
    expect(labErrors((c) => {
      raw(c, 'agent', agentDaemonSet(rollingUpdate));
    })).toEqual([]);
  }
});

test('a CustomResourceDefinition of a dotted group, names, printer columns, scale, a deprecated version and webhook conversion is accepted', () => {
  const schema = (widgetCrd() as any).spec.versions[0].schema;
  const columns = [
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ];
  const subresources = { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } };
  expect(labErrors((c) => {
    raw(c, 'convert', serviceManifest('convert', { ports: [{ name: 'https', port: 443, targetPort: 8080 }] }));
    raw(c, 'web', goodDeployment());
    raw(c, 'widgets', widgetCrd({
      group: 'apps.lab.example', scope: 'Cluster',
      names: { kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget', shortNames: ['wg'], categories: ['lab'] },
      versions: [
        { name: 'v1', served: true, storage: true, schema, additionalPrinterColumns: columns, subresources },
        { name: 'v1beta1', served: true, storage: false, deprecated: true, deprecationWarning: 'apps.lab.example/v1beta1 Widget is deprecated; use apps.lab.example/v1', schema },
      ],
      conversion: {
        strategy: 'Webhook',
        webhook: { clientConfig: { service: { name: 'convert', namespace: 'web', path: '/convert', port: 443 } }, conversionReviewVersions: ['v1', 'v1beta1'] },
      },
    }, {}, 'widgets.apps.lab.example'));
  })).toEqual([]);
});

test('a CRD schema of defaults of their types, free-form and int-or-string fields, maps, keyed and set lists and oneOf branches of restrictions only is accepted', () => {
  expect(labErrors((c) => {
    raw(c, 'widgets', widgetSpecSchema({
      type: 'object',
      properties: {
        url: { type: 'string' }, service: { type: 'string' },
        replicas: { type: 'integer', default: 1 }, mode: { type: 'string', enum: ['fast', 'safe'], default: 'safe' },
        surge: { 'x-kubernetes-int-or-string': true, default: '25%' }, owner: { type: 'string', nullable: true, default: null },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        raw: { 'x-kubernetes-preserve-unknown-fields': true },
        tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
        ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
      },
      oneOf: [{ required: ['url'] }, { required: ['service'] }],
    }));
  })).toEqual([]);
});

/** The CRD files under `paths` (files or folders). */
function crdFiles(paths: readonly string[]): string[] {
  return paths.flatMap((entry) => (fs.statSync(entry).isDirectory()
    ? crdFiles(fs.readdirSync(entry).map((name) => path.join(entry, name)))
    : /\.ya?ml$/.test(entry) ? [entry] : []));
}

const crdDirs = defaultCrdDirs();
(crdDirs.length > 0 ? test : test.skip)('every upstream CRD of the schema set passes the checks of a CRD written by hand', () => {
  const problems: string[] = [];
  let count = 0;
  for (const file of crdFiles(crdDirs)) {
    for (const manifest of yaml.loadAll(fs.readFileSync(file, 'utf8')) as Array<Record<string, unknown> | null>) {
      if (manifest?.kind !== 'CustomResourceDefinition') {
        continue;
      }
      count += 1;
      const object = { manifest, constructPath: file } as unknown as SynthesizedObject;
      const add = (field: string, message: string, _hint: string, severity?: 'warning') => {
        if (severity !== 'warning') {
          problems.push(`${file} ${field}: ${message}`);
        }
      };
      checkCustomResourceDefinitionSpec(object, add);
      checkStructuralSchemas(object, add);
      checkCustomResourceDefinitionVersions(object, add);
    }
  }
  expect(count).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});
