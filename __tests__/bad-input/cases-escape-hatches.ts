import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Include, JsonPatch } from 'cdk8s';
import type { BadInput } from './cases';
import { goodDeployment, guarded, labApp, raw, serviceManifest } from './lab';

// Escape hatches: JSON patches on rendered and hand-written objects, and Include of a manifest file.
const CONTAINER_PATH = '/spec/template/spec/containers';

/** A manifest file with `text` in a scratch folder, for Include. */
function manifestFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-include-')), name);
  fs.writeFileSync(file, text);
  return file;
}

export const CASES: BadInput[] = [
  // A privileged container without its exemption: the exemption is the one error, not also the
  // allowPrivilegeEscalation: false the App rendered beside it
  {
    name: 'JSON patch that makes an App container privileged without the exemption',
    build: (c) => {
      labApp('web', { namespace: 'web' })(c).deployment.addJsonPatch(JsonPatch.add(`${CONTAINER_PATH}/0/securityContext/privileged`, true));
    },
    layer: 'policy', path: 'web/deployment', field: 'spec.template.spec.containers[0].securityContext.privileged', hint: /exemptions: \{ privileged/,
  },
  // A patch whose path the object lacks names the patch and the missing part
  {
    name: 'JSON patch replacing a field of a container the Deployment lacks',
    build: (c) => {
      labApp('web', { namespace: 'web' })(c).deployment.addJsonPatch(JsonPatch.replace(`${CONTAINER_PATH}/1/image`, 'nginxinc/nginx-unprivileged:1.28.0'));
    },
    layer: 'props', path: 'web/deployment', field: 'addJsonPatch', hint: /index in 0–0/,
  },
  {
    name: 'JSON patch of a hand-written object below a field it lacks',
    build: (c) => {
      raw(c, 'x', goodDeployment()).addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector/disk', 'ssd'));
    },
    layer: 'props', path: 'x', field: 'addJsonPatch', hint: /add \/spec\/template\/spec\/nodeSelector first/,
  },
  {
    name: 'JSON patch removing a field the object lacks',
    build: (c) => {
      raw(c, 'x', goodDeployment()).addJsonPatch(JsonPatch.remove('/spec/template/spec/nodeSelector'));
    },
    layer: 'props', path: 'x', field: 'addJsonPatch',
  },
  // Include of a file that is missing or no YAML names the file and the cause
  {
    name: 'Include of a manifest file that does not exist',
    build: guarded((c) => new Include(c, 'vendor', { url: path.join(os.tmpdir(), 'homelab-no-such-manifest.yaml') })),
    layer: 'props', path: 'vendor', field: 'url', hint: /path of the YAML file/,
  },
  {
    name: 'Include of a manifest file with a YAML indentation error',
    build: guarded((c) => {
      c.namespaces.ensure('web');
      new Include(c, 'vendor', { url: manifestFile('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   namespace: web\n') });
    }),
    layer: 'props', path: 'vendor', field: 'url', hint: /fix the YAML/,
  },
  // An App's pods get a token only through its serviceAccount option, not through a patch behind it
  {
    name: "JSON patch mounting the service account token of an App's pods without serviceAccount",
    build: (c) => {
      labApp('web', { namespace: 'web' })(c).deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/automountServiceAccountToken', true));
    },
    layer: 'policy', path: 'web/deployment', field: 'spec.template.spec.automountServiceAccountToken', hint: /serviceAccount: \{ reason/,
  },
  // A NodePort Service needs the nodePort exemption however it was written, as an App's own node ports do
  {
    name: 'hand-written NodePort Service without the nodePort exemption',
    build: (c) => {
      raw(c, 'workload', goodDeployment());
      raw(c, 'x', serviceManifest('web', { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30181 }] }));
    },
    layer: 'policy', path: 'x', field: 'spec.type', hint: /security\.homelab\.dev\/node-port/,
  },
  {
    name: "App's Service patched to type NodePort without the nodePort exemption",
    build: (c) => {
      labApp('web', { namespace: 'web' })(c).service!.addJsonPatch(JsonPatch.add('/spec/type', 'NodePort'));
    },
    layer: 'policy', path: 'web/service', field: 'spec.type', hint: /exemptions: \{ nodePort/,
  },
  // A container's name and image are reported on the prop that gave them, not on the rendered Deployment
  {
    name: 'App container whose name is not an RFC 1123 label',
    build: guarded(labApp('web', { namespace: 'web', containers: [{ name: 'Log_Shipper', image: 'busybox:1.36' }] })),
    layer: 'props', path: 'web', field: 'containers[0].name',
  },
  { name: 'App image with a space after the colon', build: guarded(labApp('web', { namespace: 'web', image: 'nginx: 1.27.0' })), layer: 'props', path: 'web', field: 'image', hint: /registry/ },
  {
    name: 'image of addContainer in upper case',
    build: guarded((c) => labApp('web', { namespace: 'web' })(c).addContainer({ name: 'side', image: 'Busy Box' })),
    layer: 'props', path: 'web', field: 'addContainer.image',
  },
];

