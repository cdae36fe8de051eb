import { App as CdkApp } from 'cdk8s';
import { synthesize } from '../constructs';
import { indexedJob } from './bad-input/cases-apiserver-parity-17';
import { nfsVolume, onK3s, projectedCerts, replicaPolicy, statefulSet, widgetDefinition } from './bad-input/cases-apiserver-parity-18';
import { goodContainer, goodDeployment, raw, serviceManifest } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// What Kubernetes 1.30 keeps beside the fields it drops: an Indexed Job that bounds its failures per index
// (JobBackoffLimitPerIndex is on), a StatefulSet that starts its pods in parallel and rolls out behind a
// partition, a projected volume of a ConfigMap, the pod's labels and a service account token, a container of
// a device plugin's resource and the Default procMount, and a PersistentVolume of a StorageClass. And a
// ValidatingAdmissionPolicy whose CEL compiles: variables named by identifiers (one with '_'), a validation of
// a message expression and a reason, an audit annotation, match conditions, the optional syntax (`.?`), which
// the API server's CEL takes, and parameters of a kind with capitals. And Services of a fixed cluster IP
// inside K3s' Service range, and headless ones; a CustomResourceDefinition of two rules, each given once.

test('an Indexed Job with a backoff limit per index, and a StatefulSet of parallel pods behind a partition, are accepted', () => {
  expect(labErrors((c) => {
    raw(c, 'job', indexedJob('render', 4, { backoffLimitPerIndex: 1, maxFailedIndexes: 2 }));
    raw(c, 'db-service', serviceManifest('db', { clusterIP: 'None', selector: { app: 'db' } }));
    raw(c, 'db', statefulSet({ podManagementPolicy: 'Parallel', updateStrategy: { rollingUpdate: { partition: 1 } } }));
  })).toEqual([]);
});

test('a projected volume of a ConfigMap, the pod labels and a token, and a container of a device plugin resource and the Default procMount, are accepted', () => {
  expect(labErrors((c) => {
    raw(c, 'certs', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lab-ca', namespace: 'web' }, data: { 'ca.pem': '-----BEGIN CERTIFICATE-----' } });
    raw(c, 'web', projectedCerts([
      { configMap: { name: 'lab-ca', items: [{ key: 'ca.pem', path: 'ca.pem' }] } },
      { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      { serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 3600 } },
    ]));
    const resources = { requests: { cpu: '50m', memory: '64Mi', 'example.com/dongle': '1' }, limits: { memory: '128Mi', 'example.com/dongle': '1' } };
    const securityContext = { ...(goodContainer().securityContext as object), procMount: 'Default' };
    raw(c, 'reader', goodDeployment('reader', { containers: [goodContainer({ resources, securityContext })] }));
  })).toEqual([]);
});

test('a PersistentVolume of a StorageClass, without a volume attributes class, is accepted', () => {
  expect(labErrors((c) => {
    raw(c, 'media', nfsVolume({ storageClassName: 'local-path', persistentVolumeReclaimPolicy: 'Retain', mountOptions: ['nfsvers=4.1'] }));
  })).toEqual([]);
});

test('a ValidatingAdmissionPolicy of variables, messages, reasons, audit annotations, match conditions and parameters is accepted', () => {
  expect(labErrors((c) => {
    raw(c, 'limits', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'replica-limit', namespace: 'web' }, data: { max: '5' } });
    raw(c, 'policy', replicaPolicy({
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      matchConditions: [
        { name: 'not-system', expression: "request.namespace != 'kube-system'" },
        { name: 'labelled', expression: "object.metadata.?labels.?tier.orValue('') != 'batch'" },
      ],
      variables: [{ name: 'max_replicas', expression: 'int(params.data.max)' }, { name: 'replicas', expression: 'object.spec.replicas' }],
      validations: [{
        expression: 'variables.replicas <= variables.max_replicas', reason: 'Forbidden', message: 'too many replicas',
        messageExpression: "'at most ' + string(variables.max_replicas) + ' replicas, not ' + string(variables.replicas)",
      }],
      auditAnnotations: [{ key: 'replica-count', valueExpression: 'string(variables.replicas)' }],
    }));
    raw(c, 'binding', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'replica-limit' },
      spec: { policyName: 'replica-limit', validationActions: ['Deny'], paramRef: { name: 'replica-limit', namespace: 'web', parameterNotFoundAction: 'Deny' } },
    });
  })).toEqual([]);
});

test("a Service of a fixed cluster IP inside K3s' Service range, and a headless one, are accepted", () => {
  for (const spec of [{ clusterIP: '10.43.0.10' }, { clusterIP: 'None' }, { clusterIP: '10.43.255.254', clusterIPs: ['10.43.255.254'] }]) {
    const app = new CdkApp();
    onK3s(spec)(undefined as never, app);
    const errors = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  }
});

test('a CustomResourceDefinition of two distinct rules is accepted', () => {
  expect(labErrors((c) => {
    raw(c, 'widgets', widgetDefinition([{ rule: 'self.size <= 10', message: 'at most 10' }, { rule: 'self.size >= 1', message: 'at least 1' }]));
  })).toEqual([]);
});
