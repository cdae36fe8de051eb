import { App, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Settings given as files (RomM's <name>_FILE, rtl_433's config file, SonarQube's sonar.properties) are left to the
// program that reads them; what such an app still leaves out, or names on its command line, is refused as before.

/** An App `id` in namespace `files` of the lab, of `props`. */
const filesApp = (id: string, props: Partial<AppProps> & Pick<AppProps, 'image'>) => guarded((cluster: ClusterChart) => new App(cluster, id, { namespace: 'files', ...props } as AppProps));

export const CASES: BadInput[] = [
  {
    name: 'RomM given its secret key as a file and its database password neither way',
    build: filesApp('romm', {
      image: 'rommapp/romm:3.10.2', ports: [{ name: 'http', port: 8080 }],
      env: { DB_HOST: 'romm-db', DB_USER: 'romm', ROMM_AUTH_SECRET_KEY_FILE: '/run/secrets/romm/auth-key' },
      persistence: { secrets: { volume: AppVolume.secret('romm'), mountPath: '/run/secrets/romm', readOnly: true } },
      exemptions: { writableRootFilesystem: 'nginx and the bundled Valkey write under /var and /tmp' },
    }),
    layer: 'props', path: 'romm', field: 'env', message: /DB_PASSWD/, hint: /DB_PASSWD: SecretReference/,
  },
  {
    name: 'rtl_433 given a config file and a dongle on its command line, without the USB devices',
    build: filesApp('rtl433', { image: 'hertzg/rtl_433:25.02', args: ['-c', '/etc/rtl_433/rtl_433.conf', '-d', ':00000433'], egress: 'any' }),
    layer: 'props', path: 'rtl433', field: 'image', hint: /AppDevice\.hostDevice\('\/dev\/bus\/usb'\)/,
  },
  {
    name: "SonarQube with its config file's folder unmounted and its temporary folder on the read-only root",
    build: filesApp('sonarqube', {
      image: 'sonarqube:10.7.0-community', ports: [{ name: 'http', port: 9000 }], resources: { memoryLimit: '4Gi' },
      env: { SONAR_JDBC_PASSWORD: SecretReference.external('files', 'sonar-db', 'password') },
      persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/opt/sonarqube/data' }, logs: { volume: AppVolume.emptyDir(), mountPath: '/opt/sonarqube/logs' } },
    }),
    layer: 'props', path: 'sonarqube', field: 'image', hint: /SONAR_PATH_TEMP/,
  },
];
